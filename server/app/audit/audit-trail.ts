import type { AuditEvent, AuditTrail } from '../ports/audit.js';
import type { AuditSession } from '../ports/audit-store.js';
import type { Clock } from '../ports/clock.js';
import type { StoreSession } from '../ports/store.js';

/** The longest client address the trail keeps (an IPv6 address with a zone fits easily). */
const MAX_ADDRESS_LENGTH = 100;

/**
 * Creates the audit trail over the store: each event is stamped with the clock's time and appended
 * at the head of the hash chain, inside `tx` when given (so it commits or rolls back with the change
 * it describes), otherwise in a transaction of its own.
 */
export function createAuditTrail(deps: { store: AuditSession; clock: Clock }): AuditTrail {
  return {
    async record(event: AuditEvent, tx?: StoreSession) {
      await (tx ?? deps.store).appendAuditEvent({
        at: deps.clock.now(),
        action: event.action,
        actorId: event.actorId,
        address: event.address ? event.address.slice(0, MAX_ADDRESS_LENGTH) : null,
        subject: event.subject ?? null,
        details: event.details ?? {},
      });
    },
  };
}
