import type { ConnectWiseConnectionConfig } from '../../../shared/schemas/connectwise.js';

/**
 * The web address of a service ticket on the connection's ConnectWise site: the API host's web
 * twin (`api-na.myconnectwise.net` → `na.myconnectwise.net`), the codebase, and the ticket view
 * with the login company.
 */
export function ticketUrl(connection: Pick<ConnectWiseConnectionConfig, 'site' | 'codebase' | 'companyId'>, ticketId: number): string {
  const site = new URL(connection.site);
  site.hostname = site.hostname.replace(/^api-/, '');
  const codebase = connection.codebase.split('/')[0] || 'v4_6_release';
  const query = `service_recid=${ticketId}&companyName=${encodeURIComponent(connection.companyId)}`;
  return `${site.origin}/${codebase}/services/system_io/Service/fv_sr100_request.rails?${query}`;
}
