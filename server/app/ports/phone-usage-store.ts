/** What the SMS and voice channels spend: SMS segments, or call minutes (rounded up per call, as billed). */
export type PhoneUsageKind = 'sms' | 'voice';

/** One month's spend on one kind, as the Reports page shows it. */
export interface PhoneUsageRecord {
  /** The calendar month in UTC, `YYYY-MM`. */
  month: string;
  kind: PhoneUsageKind;
  /** SMS segments sent, or call minutes. */
  amount: number;
}

/** The store's part for SMS and voice usage counts. `StoreSession` extends it. */
export interface PhoneUsageSession {
  /** Adds `amount` to a month's count of one kind (creating the row at the first use). */
  addPhoneUsage(month: string, kind: PhoneUsageKind, amount: number): Promise<void>;
  /** The counts of the months from `fromMonth` to `toMonth` (inclusive, `YYYY-MM`), oldest first. */
  listPhoneUsage(fromMonth: string, toMonth: string): Promise<PhoneUsageRecord[]>;
}
