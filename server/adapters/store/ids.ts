import { randomUUID } from 'node:crypto';

/** Makes a new random identifier (a UUID v4) for rows the relay creates: incidents, alerts, jobs. */
export function newId(): string {
  return randomUUID();
}
