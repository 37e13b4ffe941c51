import type { Incident } from '../../../shared/schemas/incident.js';
import type { Log } from '../../adapters/log/create-logger.js';
import type { Store } from '../ports/store.js';
import type { DemoCommands, DemoPerson } from './demo-commands.js';
import { DEMO_ROUTING_KEY } from './demo-alert-stream.js';
import { runSimulated } from './simulated-actor.js';

/** What the simulated team does to one live incident right after it opens. */
export type LiveStep = 'confirmed-and-assigned' | 'triage-assigned' | 'false-positive' | 'escalated' | 'resolved' | 'none';

/**
 * The live incidents the demo opens at its first start, through the real ingest route; their dedup
 * keys (`demo-<key>`) are the synthetic stream's, so its later alerts fold into them.
 */
export const LIVE_INCIDENTS: readonly { key: string; summary: string; source: string; severity: string; group?: string; step: LiveStep }[] = [
  { key: 'sql02-login', summary: 'SQL02: 40 failed logins for sa in 5 minutes', source: 'wazuh', severity: 'error', group: 'globex', step: 'confirmed-and-assigned' },
  { key: 'fs01-disk-d', summary: 'FS01: disk D: 96% full', source: 'ninja-rmm', severity: 'error', step: 'triage-assigned' },
  { key: 'dc01-cpu', summary: 'DC01: CPU above 95% for 10 minutes', source: 'zabbix', severity: 'error', step: 'false-positive' },
  { key: 'fw-wan1', summary: 'Client Acme: firewall WAN1 down', source: 'meraki', severity: 'critical', group: 'acme', step: 'escalated' },
  { key: 'edr-ransom', summary: 'EDR: ransomware behaviour blocked on LAPTOP-114', source: 'sentinelone', severity: 'critical', step: 'resolved' },
  { key: 'veeam-nightly', summary: 'Veeam: backup job NIGHTLY failed on HV02', source: 'veeam', severity: 'warning', group: 'acme', step: 'none' },
  { key: 'ups-battery', summary: 'UPS-2: on battery, 18 minutes left', source: 'prtg', severity: 'error', group: 'acme', step: 'none' },
];

/** What the scenario needs. */
export interface ScenarioDeps {
  store: Store;
  log: Log;
  /** The relay's own URL: alerts go through its `/v2/enqueue`. */
  url: string;
  commands: DemoCommands;
}

async function post(url: string, body: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ routing_key: DEMO_ROUTING_KEY, ...body }),
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status !== 202) throw new Error(`demo alert ${String(body.dedup_key)} answered ${response.status}`);
}

/**
 * Opens the live demo incidents through the real ingest route and has the simulated team work on
 * them through the real commands, so the board shows every state at once: confirmed and assigned
 * for forensics (acknowledged), assigned for triage, a false positive dismissed, one escalated to
 * level 2 ("I can't take it" from the person level 1 paged), a high one resolved (its post-mortem is due),
 * and untouched ones (a held low-priority one among them). Answers the incidents by step.
 */
export async function playDemoScenario(deps: ScenarioDeps): Promise<Map<LiveStep, Incident>> {
  const { store, commands } = deps;
  const person = async (id: string): Promise<DemoPerson> => ({ userId: id, role: (await store.getUser(id))?.role ?? 'responder' });
  const [ann, bob, cara] = await Promise.all(['ann', 'bob', 'cara'].map(person));
  const opened = new Map<LiveStep, Incident>();
  const refused = (what: string) => (result: { ok: boolean; error?: unknown }) => {
    if (!result.ok) deps.log.warn({ what, error: result.error }, 'demo: a scenario step was refused');
  };
  for (const live of LIVE_INCIDENTS) {
    const dedupKey = `demo-${live.key}`;
    await post(deps.url, {
      event_action: 'trigger',
      dedup_key: dedupKey,
      client: 'Klaxon demo',
      payload: { summary: live.summary, source: live.source, severity: live.severity, ...(live.group ? { group: live.group } : {}) },
    });
    const incident = await store.findOpenIncident('rmm', dedupKey);
    if (!incident) continue;
    opened.set(live.step, incident);
    const ids = [incident.id];
    await runSimulated(async () => {
      switch (live.step) {
        case 'confirmed-and-assigned':
          refused('verdict')(await commands.actions.verdict(bob!, ids, 'confirmed'));
          refused('assign')(await commands.actions.assign(ann!, ids, 'forensic', 'cara'));
          refused('acknowledge')(await commands.actions.acknowledge(cara!, ids));
          return;
        case 'triage-assigned':
          refused('assign')(await commands.actions.assign(ann!, ids, 'triage', 'bob'));
          return;
        case 'false-positive':
          refused('dismiss')(await commands.actions.dismiss(bob!, ids, 'Scheduled antivirus scan: expected load'));
          return;
        case 'escalated': {
          // "I can't take it" comes from whoever level 1 paged: the person on call at this hour (Dan in weekday office hours).
          const onCall = (await store.listPages(incident.id)).find((p) => p.level === 0)?.userId ?? 'dan';
          refused('escalate')(await commands.escalator.escalateNow(onCall, incident.id));
          return;
        }
        case 'resolved':
          refused('acknowledge')(await commands.actions.acknowledge(cara!, ids));
          refused('resolve')(await commands.actions.resolve(cara!, ids));
          return;
        default:
      }
    });
  }
  return opened;
}
