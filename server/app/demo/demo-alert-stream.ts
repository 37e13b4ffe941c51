import type { TimerHandle } from '../ports/clock.js';
import type { DemoAlertStream, DemoAlertStreamContext } from './demo-config.js';

/** The demo service's Events v2 key (from the documented example config). */
export const DEMO_ROUTING_KEY = '0123456789abcdef0123456789abcdef';

/**
 * Alerts an MSP's tools really send, by source and severity; repeats fold into open incidents. A
 * `group` names the demo client the alert is about (the clients' match rules read it).
 */
const SAMPLES: readonly { dedup: string; summary: string; source: string; severity: string; group?: string }[] = [
  { dedup: 'exch01-queue', summary: 'EXCH01: mail queue above 500 messages', source: 'prtg', severity: 'error', group: 'globex' },
  { dedup: 'fs01-disk-d', summary: 'FS01: disk D: 96% full', source: 'ninja-rmm', severity: 'warning' },
  { dedup: 'veeam-nightly', summary: 'Veeam: backup job NIGHTLY failed on HV02', source: 'veeam', severity: 'warning' },
  { dedup: 'fw-wan1', summary: 'Client Acme: firewall WAN1 down', source: 'meraki', severity: 'critical', group: 'acme' },
  { dedup: 'dc01-cpu', summary: 'DC01: CPU above 95% for 10 minutes', source: 'zabbix', severity: 'error' },
  { dedup: 'edr-ransom', summary: 'EDR: ransomware behaviour blocked on LAPTOP-114', source: 'sentinelone', severity: 'critical' },
  { dedup: 'cert-expiry', summary: 'portal.acme.example: TLS certificate expires in 7 days', source: 'uptime-kuma', severity: 'info', group: 'acme' },
  { dedup: 'sql02-login', summary: 'SQL02: 40 failed logins for sa in 5 minutes', source: 'wazuh', severity: 'error', group: 'globex' },
];

/**
 * Starts the `KLAXON_DEMO=1` synthetic alert stream: every 20–60 s it posts a sample alert through
 * the relay's own `/v2/enqueue` (the real ingest path), and now and then resolves one, so the board,
 * the escalations and the phones have something to show.
 */
export function startSyntheticAlertStream(context: DemoAlertStreamContext, random: () => number = Math.random): DemoAlertStream {
  let timer: TimerHandle | undefined;
  let stopped = false;
  const open = new Set<string>();

  const post = async (body: Record<string, unknown>) => {
    const response = await fetch(`${context.url}/v2/enqueue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ routing_key: DEMO_ROUTING_KEY, ...body }),
      signal: AbortSignal.timeout(10_000),
    });
    if (response.status !== 202) context.log.warn({ status: response.status }, 'demo: an alert was not accepted');
  };

  const tick = async () => {
    const resolveOne = open.size > 0 && random() < 0.3;
    if (resolveOne) {
      const dedup = [...open][Math.floor(random() * open.size)]!;
      open.delete(dedup);
      await post({ event_action: 'resolve', dedup_key: `demo-${dedup}` });
    } else {
      const sample = SAMPLES[Math.floor(random() * SAMPLES.length)]!;
      open.add(sample.dedup);
      await post({
        event_action: 'trigger',
        dedup_key: `demo-${sample.dedup}`,
        client: 'Klaxon demo',
        payload: { summary: sample.summary, source: sample.source, severity: sample.severity, ...(sample.group ? { group: sample.group } : {}) },
      });
    }
  };

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = context.clock.setTimer(new Date(context.clock.now().getTime() + delayMs), () => {
      tick()
        .catch((error: unknown) => context.log.warn({ err: error }, 'demo: posting an alert failed'))
        .finally(() => schedule(20_000 + random() * 40_000));
    });
  };
  schedule(3_000);
  context.log.info('demo: synthetic alert stream started');
  return {
    stop() {
      stopped = true;
      timer?.cancel();
    },
  };
}
