import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../../app/ports/store.js';
import { accountsContract } from './contract/accounts-contract.js';
import { boardContract } from './contract/board-contract.js';
import { userStatusContract } from './contract/user-status-contract.js';
import { configContract } from './contract/config-contract.js';
import type { ContractContext } from './contract/context.js';
import { historyContract } from './contract/history-contract.js';
import { incidentsContract } from './contract/incidents-contract.js';
import { jobsContract } from './contract/jobs-contract.js';
import { jobBatchesContract } from './contract/job-batches-contract.js';
import { lifecycleContract } from './contract/lifecycle-contract.js';
import { nodesContract } from './contract/nodes-contract.js';
import { pagingContract } from './contract/paging-contract.js';
import { pageBatchContract } from './contract/page-batch-contract.js';
import { schedulesContract } from './contract/schedules-contract.js';
import { wallboardContract } from './contract/wallboard-contract.js';
import { needToKnowContract } from './contract/need-to-know-contract.js';
import { phonesContract } from './contract/phones-contract.js';
import { auditContract } from './contract/audit-contract.js';
import { clientsContract } from './contract/clients-contract.js';
import { connectWiseContract } from './contract/connectwise-contract.js';
import { reportsContract } from './contract/reports-contract.js';
import { postmortemsContract } from './contract/postmortems-contract.js';
import { maintenanceContract } from './contract/maintenance-contract.js';
import { snoozeContract } from './contract/snooze-contract.js';
import { slackContract } from './contract/slack-contract.js';
import { heartbeatsContract } from './contract/heartbeats-contract.js';
import { apiTokensContract } from './contract/api-tokens-contract.js';
import { totpContract } from './contract/totp-contract.js';
import { historySearchContract } from './contract/history-search-contract.js';
import { similarContract } from './contract/similar-contract.js';
import { intelContract } from './contract/intel-contract.js';
import { ssoContract } from './contract/sso-contract.js';
import { phoneUsageContract } from './contract/phone-usage-contract.js';
import { statusUpdatesContract } from './contract/status-updates-contract.js';

/** What an engine's test hands the contract for each test: a fresh, empty, migrated store. */
export interface OpenedStore {
  store: Store;
  /** Opens the same database again (for close + reopen, and two relays on one database). */
  reopen?: () => Promise<Store>;
  /** Resolves once a statement on the database waits for a row lock (engines with row locks only). */
  untilLockWait?: () => Promise<void>;
  /** Removes the database after the store was closed. */
  cleanup: () => Promise<void>;
}

/**
 * Declares the store contract suite every engine must pass. `open` runs before each test and must
 * return a fresh, empty store; the suite closes it (or the store a test reopened) and then calls
 * `cleanup`.
 */
export function describeStoreContract(engineName: string, open: () => Promise<OpenedStore>): void {
  describe(`${engineName} store contract`, () => {
    const ctx: ContractContext = { store: undefined as unknown as Store, reopen: undefined, untilLockWait: undefined };
    let cleanup: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      const opened = await open();
      ctx.store = opened.store;
      ctx.reopen = opened.reopen;
      ctx.untilLockWait = opened.untilLockWait;
      cleanup = opened.cleanup;
    });

    afterEach(async () => {
      // A test may have closed the store already (close + reopen); closing twice is not an error here.
      await ctx.store.close().catch(() => undefined);
      await cleanup?.();
    });

    describe('accounts', () => accountsContract(ctx));
    describe('config', () => configContract(ctx));
    describe('incidents', () => incidentsContract(ctx));
    describe('alerts and timeline', () => historyContract(ctx));
    describe('jobs', () => jobsContract(ctx));
    describe('job batches: claim many, delete finished in one statement', () => jobBatchesContract(ctx));
    describe('relay nodes: stable name, heartbeats, released leases', () => nodesContract(ctx));
    describe('escalations, pages and devices', () => pagingContract(ctx));
    describe('a level of pages in bulk', () => pageBatchContract(ctx));
    describe('phones: pairing, push subscriptions, contacts, receipts', () => phonesContract(ctx));
    describe('wallboard tokens and statistics reads', () => wallboardContract(ctx));
    describe('need-to-know lists', () => needToKnowContract(ctx));
    describe('ConnectWise connections, tickets and calls', () => connectWiseContract(ctx));
    describe('board snapshot reads', () => boardContract(ctx));
    describe('user deactivations', () => userStatusContract(ctx));
    describe('schedules: swaps, calendar feeds, sources and activity', () => schedulesContract(ctx));
    describe('transactions, settings and lifecycle', () => lifecycleContract(ctx));
    describe('audit trail, timeline chains and login throttles', () => auditContract(ctx));
    describe('clients and their business maps', () => clientsContract(ctx));
    describe('report reads', () => reportsContract(ctx));
    describe('post-mortems', () => postmortemsContract(ctx));
    describe('maintenance windows and the incidents they hold', () => maintenanceContract(ctx));
    describe('heartbeat monitors', () => heartbeatsContract(ctx));
    describe('API tokens: hashed, listed, revoked, last used', () => apiTokensContract(ctx));
    describe('TOTP second factors: sealed, confirmed once, each code good once', () => totpContract(ctx));
    describe('history search: same incidents, same order, need-to-know inside', () => historySearchContract(ctx));
    describe('similar past incidents: bounded candidates, need-to-know inside, outcomes', () => similarContract(ctx));
    describe('snooze: the incident\'s snooze time and its end row', () => snoozeContract(ctx));
    describe('threat-intelligence indicators and their incident links', () => intelContract(ctx));
    describe('single sign-on: identities, waiting sign-ins, hand-offs', () => ssoContract(ctx));
    describe('slack: messages, linked accounts, link codes', () => slackContract(ctx));
    describe('SMS and voice usage: counts per month and kind', () => phoneUsageContract(ctx));
    describe('status updates: subscribers, stage templates, posted updates', () => statusUpdatesContract(ctx));
  });
}
