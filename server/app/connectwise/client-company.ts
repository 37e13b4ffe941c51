import type { Incident } from '../../../shared/schemas/incident.js';

/** The ConnectWise company of a client by its id, as the clients feature keeps it (undefined: unknown). */
export type ClientCompanies = (clientId: string) => Promise<{ companyId?: number; identifier?: string } | undefined>;

/**
 * The company a ticket of `incident` is opened for: its client's ConnectWise company (by record id
 * when known, else by identifier), or undefined when the incident has no client or the client names
 * no company (the connection's default company is used then).
 */
export async function companyOfIncident(
  incident: Incident & { clientId?: string | null },
  companies: ClientCompanies,
): Promise<{ id?: number; identifier?: string } | undefined> {
  if (!incident.clientId) return undefined;
  const company = await companies(incident.clientId);
  if (company?.companyId !== undefined) return { id: company.companyId };
  if (company?.identifier) return { identifier: company.identifier };
  return undefined;
}
