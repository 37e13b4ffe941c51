import { login, registerPhone } from '../../support/phone.js';
import { createTestDatabase } from '../../support/postgres.js';
import { startRelayProcess, type RelayProcess } from '../../support/relay-process.js';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink.js';
import { fastEscalationPolicy, writeTestConfig } from '../../support/test-config.js';
import { roamingPhone, type RoamingPhone } from './roaming-phone.js';

/** Several relay processes on one throw-away PostgreSQL database and one Redis, with phones on them. */
export interface RelayCluster {
  readonly databaseUrl: string;
  readonly relays: RelayProcess[];
  /** The outbound mail server every relay sends failover e-mails to. */
  readonly mail: SmtpSink;
  /** bob's and cara's phones (paged by the policy) and dan's (paged by nobody: must hear nothing). */
  readonly phones: RoamingPhone[];
  /** The relays a load balancer would route to: all but the ones `markDead` was told of. */
  aliveUrls(): string[];
  /** Takes a relay out of the load balancer's list (its health check failed). */
  markDead(relay: RelayProcess): void;
  dispose(): Promise<void>;
}

/** How to build the cluster. */
export interface ClusterOptions {
  relays: number;
  pgServerUrl: string;
  redisUrl: string;
  /** The policy's level delays, e.g. `['1s', '1s']`: level 1 pages bob, level 2 cara, then failover mail. */
  delays: [string, string];
}

/**
 * Starts `relays` relay processes sharing a new PostgreSQL database and Redis (the first alone, so
 * that it migrates and applies the config; the others then together), with the fast two-level
 * policy and a local mail sink. Each paged person gets two phones: one on the first relay (the one
 * a scenario kills) and one on another, so that someone is always reachable; dan gets one too.
 */
export async function startRelayCluster(options: ClusterOptions): Promise<RelayCluster> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const dispose = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const database = await createTestDatabase(options.pgServerUrl);
    cleanups.push(() => database.drop());
    const mail = await startSmtpSink();
    cleanups.push(() => mail.close());
    const config = writeTestConfig((doc) => {
      fastEscalationPolicy(doc, options.delays);
      // No page repeats within a run: every page row is sent once, and must arrive.
      const policy = doc.policies?.find((p) => p.id === 'noc-default');
      if (policy) policy.repeatPageEvery = '10m';
    });
    const env = {
      KLAXON_DB: database.url,
      KLAXON_REDIS_URL: options.redisUrl,
      KLAXON_CONFIG: config,
      KLAXON_MAIL_URL: mail.url,
      KLAXON_LOG_LEVEL: 'warn',
    };
    const relays: RelayProcess[] = [];
    cleanups.push(async () => Promise.all(relays.map((r) => r.dispose())));
    relays.push(await startRelayProcess({ env }));
    relays.push(...(await Promise.all(Array.from({ length: options.relays - 1 }, () => startRelayProcess({ env })))));

    const dead = new Set<RelayProcess>();
    const aliveUrls = () => relays.filter((r) => !dead.has(r)).map((r) => r.url);
    const phones: RoamingPhone[] = [];
    cleanups.push(async () => phones.forEach((p) => p.close()));
    const phoneOf = async (userId: string, relay: RelayProcess) => {
      const token = await login(relay.url, userId, `change-me-${userId}`);
      const phone = roamingPhone(userId, await registerPhone(relay.url, token, `${userId} on ${relay.port}`), relay.url, aliveUrls);
      phones.push(phone);
      await phone.connected();
    };
    const victim = relays[0]!;
    const others = relays.slice(1);
    await phoneOf('bob', victim);
    await phoneOf('bob', others[0]!);
    await phoneOf('cara', victim);
    await phoneOf('cara', others[others.length - 1]!);
    await phoneOf('dan', others[0]!);
    return {
      databaseUrl: database.url,
      relays,
      mail,
      phones,
      aliveUrls,
      markDead: (relay) => void dead.add(relay),
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}
