import { z } from 'zod';

/** A calendar month, `YYYY-MM`. */
export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'use a month as YYYY-MM');

/** The query of `GET /api/v1/reports/phone-usage`: the months to show (both inclusive); the last 6 when not given. */
export const PhoneUsageQuerySchema = z
  .object({ from: MonthSchema.optional(), to: MonthSchema.optional() })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });
export type PhoneUsageQuery = z.infer<typeof PhoneUsageQuerySchema>;

/** One month's SMS and voice spend. */
export const PhoneUsageMonthSchema = z.object({
  month: MonthSchema,
  /** SMS segments sent (what the provider bills per message part). */
  smsSegments: z.number().int().nonnegative(),
  /** Call minutes, every started minute of each call. */
  callMinutes: z.number().int().nonnegative(),
});
export type PhoneUsageMonth = z.infer<typeof PhoneUsageMonthSchema>;

/** The answer of `GET /api/v1/reports/phone-usage`: every month of the range, oldest first, zeros included. */
export const PhoneUsageReportSchema = z.object({
  configured: z.boolean(),
  months: z.array(PhoneUsageMonthSchema),
});
export type PhoneUsageReport = z.infer<typeof PhoneUsageReportSchema>;
