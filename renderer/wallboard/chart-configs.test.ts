import { describe, expect, it } from 'vitest';
import type { WallboardStats } from '../../shared/schemas/wallboard.js';
import { alertsChartConfig, responseChartConfig } from './chart-configs.js';

const day = (end: string, meanSeconds: number | null) => ({ end, meanSeconds });
const metric = (daily: { end: string; meanSeconds: number | null }[]) => ({ meanSeconds: null, previousMeanSeconds: null, count: 0, daily });
const stats = {
  alertsPerHour: Array.from({ length: 24 }, (_, i) => ({ start: new Date(Date.UTC(2026, 10, 28, i)).toISOString(), count: i % 3 })),
  responseTimes: {
    read: metric([day('2026-11-27T14:00:00.000Z', 90), day('2026-11-28T14:00:00.000Z', null)]),
    acknowledge: metric([day('2026-11-28T14:00:00.000Z', 600)]),
    resolve: metric([]),
  },
} as unknown as WallboardStats;

describe('wallboard chart configurations', () => {
  it('draws 24 hourly bars with animation off', () => {
    const config = alertsChartConfig(stats, { zone: 'UTC', hourCycle: 24 });
    expect(config.data.datasets[0]!.data).toHaveLength(24);
    expect(config.data.datasets[0]!.data.slice(0, 4)).toEqual([0, 1, 2, 0]);
    expect(config.options?.animation).toBe(false);
  });

  it('gives the trend pre-parsed points in minutes on a linear axis, with decimation on and animation off', () => {
    const config = responseChartConfig(stats, { zone: 'UTC', hourCycle: 24 });
    expect(config.options).toMatchObject({ animation: false, parsing: false, plugins: { decimation: { enabled: true, algorithm: 'lttb' } } });
    expect(config.options?.scales?.x).toMatchObject({ type: 'linear', min: Date.parse('2026-11-27T14:00:00.000Z'), max: Date.parse('2026-11-28T14:00:00.000Z') });
    expect(config.data.datasets.map((d) => d.data)).toEqual([
      [{ x: Date.parse('2026-11-27T14:00:00.000Z'), y: 1.5 }],
      [{ x: Date.parse('2026-11-28T14:00:00.000Z'), y: 10 }],
      [],
    ]);
  });

  it('labels the hours and days on the viewer clock', () => {
    expect(alertsChartConfig(stats, { zone: 'Asia/Kolkata', hourCycle: 24 }).data.labels?.slice(0, 2)).toEqual(['05:30', '06:30']);
    expect(alertsChartConfig(stats, { zone: 'America/New_York', hourCycle: 12 }).data.labels?.slice(0, 2)).toEqual(['7:00 PM', '8:00 PM']);
    const ticks = responseChartConfig(stats, { zone: 'Pacific/Chatham', hourCycle: 24 }).options?.scales?.x?.ticks as { callback: (v: number) => string };
    expect(ticks.callback(Date.parse('2026-11-28T14:00:00.000Z'))).toBe('Sun 29');
  });
});
