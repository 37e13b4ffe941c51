import { LogLevel, type Logger } from '@slack/web-api';
import type { Log } from '../log/create-logger.js';

/**
 * The Slack SDKs' logger over the relay's: only warnings and errors pass (as plain text), so that the
 * SDKs' debug lines — which echo whole WebSocket payloads — never reach the log.
 */
export function slackLogger(log: Log, name: string): Logger {
  const text = (parts: unknown[]) => parts.map((p) => (p instanceof Error ? p.message : String(p))).join(' ').slice(0, 500);
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...parts: unknown[]) => log.warn({ slack: name }, text(parts)),
    error: (...parts: unknown[]) => log.error({ slack: name }, text(parts)),
    setLevel: () => undefined,
    getLevel: () => LogLevel.WARN,
    setName: () => undefined,
  };
}
