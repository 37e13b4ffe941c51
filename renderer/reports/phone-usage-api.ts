import type { InjectionKey } from 'vue';
import { type PhoneUsageReport, PhoneUsageReportSchema } from '../../shared/schemas/phone-usage.js';
import { type RelayAuth, relayGetJson } from '../services/relay-request.js';

/** The relay's SMS/voice usage API as the Reports page uses it; the store takes this so tests can fake it. */
export interface PhoneUsageApi {
  /** `GET /api/v1/reports/phone-usage?from=YYYY-MM&to=YYYY-MM`, checked with the shared schema. */
  usage(auth: RelayAuth, months: { from: string; to: string }): Promise<PhoneUsageReport>;
}

/** The injection key of the usage API; the real client on `fetch` is used when none is provided. */
export const PhoneUsageApiKey: InjectionKey<PhoneUsageApi> = Symbol('klaxon.phone-usage-api');

/** Creates the usage API client on `fetch` (injectable for tests). */
export function createPhoneUsageApi(fetchImpl?: typeof fetch): PhoneUsageApi {
  const options = fetchImpl ? { fetchImpl } : {};
  return {
    usage: (auth, months) =>
      relayGetJson(auth, `/api/v1/reports/phone-usage?${new URLSearchParams({ from: months.from, to: months.to })}`, PhoneUsageReportSchema, options),
  };
}
