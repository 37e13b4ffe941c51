import { expect, it } from 'vitest';
import type { ContractContext } from './context.js';

/** SMS and voice usage counts: one row per month and kind, added to in one statement, read by range. */
export function phoneUsageContract(ctx: ContractContext): void {
  it('adds to a month and kind, creating the row at the first use, and reads a range oldest first', async () => {
    expect(await ctx.store.listPhoneUsage('2026-01', '2026-12')).toEqual([]);
    await ctx.store.addPhoneUsage('2026-03', 'sms', 2);
    await ctx.store.addPhoneUsage('2026-03', 'sms', 3);
    await ctx.store.addPhoneUsage('2026-03', 'voice', 4);
    await ctx.store.addPhoneUsage('2026-01', 'voice', 1);
    await ctx.store.addPhoneUsage('2025-12', 'sms', 9);
    await ctx.store.addPhoneUsage('2027-01', 'sms', 9);

    expect(await ctx.store.listPhoneUsage('2026-01', '2026-12')).toEqual([
      { month: '2026-01', kind: 'voice', amount: 1 },
      { month: '2026-03', kind: 'sms', amount: 5 },
      { month: '2026-03', kind: 'voice', amount: 4 },
    ]);
    expect(await ctx.store.listPhoneUsage('2026-03', '2026-03')).toHaveLength(2);
  });

  it('loses no addition when many sends of one month count at once', async () => {
    await Promise.all(Array.from({ length: 20 }, () => ctx.store.addPhoneUsage('2026-05', 'sms', 1)));
    expect(await ctx.store.listPhoneUsage('2026-05', '2026-05')).toEqual([{ month: '2026-05', kind: 'sms', amount: 20 }]);
  });

  it('keeps counts beyond 32 bits as numbers', async () => {
    await ctx.store.addPhoneUsage('2026-06', 'voice', 3_000_000_000);
    await ctx.store.addPhoneUsage('2026-06', 'voice', 1);
    expect(await ctx.store.listPhoneUsage('2026-06', '2026-06')).toEqual([{ month: '2026-06', kind: 'voice', amount: 3_000_000_001 }]);
  });
}
