import { mayKnow } from '../../core/access/need-to-know.js';
import type { Role } from '../../../shared/schemas/user.js';
import type { StoreSession } from '../ports/store.js';

/**
 * The incident ids among `ids` that `who` may not link an indicator to: ones that do not exist (when
 * `missingAllowed` is false) and confidential ones they may not know. Both read "no incident", so a
 * refusal tells nothing of an incident the caller may not know.
 */
export async function unlinkableIncidents(
  tx: StoreSession,
  who: { userId: string; role: Role },
  ids: readonly string[],
  missingAllowed: boolean,
): Promise<number[]> {
  const refused: number[] = [];
  for (const [n, id] of ids.entries()) {
    const incident = await tx.getIncident(id);
    if (!incident) {
      if (!missingAllowed) refused.push(n);
      continue;
    }
    if (!incident.confidential) continue;
    const list = (await tx.listNeedToKnow(id)).map((e) => e.userId);
    if (!mayKnow(incident, list, who)) refused.push(n);
  }
  return refused;
}
