import type { IntakeService } from '../intake/intake-service.js';
import type { HeartbeatMonitor } from './heartbeat-monitor.js';

/**
 * Wraps the intake the SMTP server uses so that mail to a heartbeat integration's key is a ping: the
 * recipient `<key>@…` is found among the heartbeat integrations when no e-mail integration has the
 * key, and "ingesting" such a message records the ping (its content is not read). The key's rate
 * limit applies as to any mail.
 */
export function withHeartbeatMail(intake: IntakeService, monitor: Pick<HeartbeatMonitor, 'ping'>): IntakeService {
  return {
    ...intake,
    async findIntegration(type, key) {
      const found = await intake.findIntegration(type, key);
      if (found || type !== 'email') return found;
      return intake.findIntegration('heartbeat', key);
    },
    async ingest(integration, alerts) {
      if (integration.type !== 'heartbeat') return intake.ingest(integration, alerts);
      await monitor.ping(integration);
      return [];
    },
  };
}
