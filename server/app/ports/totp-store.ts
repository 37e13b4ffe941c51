/**
 * A person's TOTP second factor as the store keeps it: the shared secret sealed with the relay's
 * secret key (never in clear), the last time step a code was accepted for (a code is good once), and
 * the SHA-256 of each unused recovery code.
 */
export interface TotpRecord {
  userId: string;
  /** The base32 secret sealed by the secret box (context `totp:<userId>`). */
  secretSealed: string;
  createdAt: Date;
  /** When the person proved the authenticator works; null while enrolment is pending. */
  confirmedAt: Date | null;
  /** The highest accepted time step (30 s each since the epoch); 0 before the first. */
  lastStep: number;
  recoveryHashes: string[];
}

/** The store's part for TOTP second factors. `StoreSession` extends it. */
export interface TotpSession {
  getTotp(userId: string): Promise<TotpRecord | undefined>;
  /** Starts (or restarts) a pending enrolment, replacing a pending one; never a confirmed one (false then). */
  putPendingTotp(record: TotpRecord): Promise<boolean>;
  /** Confirms a pending enrolment with its recovery codes' hashes and the step the first code used. */
  confirmTotp(userId: string, at: Date, step: number, recoveryHashes: string[]): Promise<boolean>;
  /** Accepts a time step once: true when it is above the last accepted one (and records it). */
  acceptTotpStep(userId: string, step: number): Promise<boolean>;
  /** Uses up a recovery code by its hash: true when it was unused (and removes it). */
  useTotpRecoveryCode(userId: string, hash: string): Promise<boolean>;
  /** Removes the second factor; true when there was one. */
  deleteTotp(userId: string): Promise<boolean>;
}
