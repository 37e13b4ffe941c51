import {
  TwoFactorEnrolmentSchema,
  TwoFactorRecoveryCodesSchema,
  TwoFactorStatusSchema,
  type TwoFactorEnrolment,
  type TwoFactorStatus,
} from '../../shared/schemas/two-factor.js';
import { relayGetJson, relaySendJson, type RelayAuth, type RelayRequestOptions } from '../services/relay-request.js';

/** The relay's two-factor endpoints (`/api/v1/me/two-factor`) as the account page uses them. */
export interface TwoFactorApi {
  status(auth: RelayAuth): Promise<TwoFactorStatus>;
  /** Starts an enrolment; the answer holds the secret, shown while enrolling only. */
  begin(auth: RelayAuth, password: string): Promise<TwoFactorEnrolment>;
  /** Confirms with the first code; answers the recovery codes, shown once. */
  confirm(auth: RelayAuth, code: string): Promise<string[]>;
  disable(auth: RelayAuth, password: string, code: string): Promise<void>;
}

/** Creates the API over `fetch` (tests pass a fake in `options`). */
export function createTwoFactorApi(options: RelayRequestOptions = {}): TwoFactorApi {
  const path = '/api/v1/me/two-factor';
  return {
    status: (auth) => relayGetJson(auth, path, TwoFactorStatusSchema, options),
    begin: (auth, password) => relaySendJson(auth, 'POST', path, { password }, TwoFactorEnrolmentSchema, options),
    confirm: async (auth, code) => (await relaySendJson(auth, 'POST', `${path}/confirm`, { code }, TwoFactorRecoveryCodesSchema, options)).recoveryCodes,
    disable: (auth, password, code) => relaySendJson<void>(auth, 'POST', `${path}/disable`, { password, code }, null, options),
  };
}
