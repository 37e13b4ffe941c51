import type { ChartConfiguration } from 'chart.js';
import type { WallboardStats } from '../../shared/schemas/wallboard.js';
import { type ClockDisplay, formatInstant } from '../time/format-instant.js';
import { wallClock } from '../time/time-zone.js';

/** Colours of the wall screen's charts, readable on its dark background. */
export const CHART_COLOURS = { bars: '#f97316', read: '#38bdf8', acknowledge: '#facc15', resolve: '#4ade80', grid: '#334155', text: '#cbd5e1' } as const;

/** The chart text size (px) a 1920×1080 wall screen needs to be read across a room; larger screens pass more. */
export const CHART_FONT_PX = 18;

// Axis labels leave the zone out: the panel's heading names it once.
const hourLabel = (iso: string, display: ClockDisplay) => formatInstant(iso, { ...display, style: 'time', showZone: false });
const dayLabel = (ms: number, display: ClockDisplay) => {
  const w = wallClock(ms, display.zone);
  return `${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][w.weekday]} ${w.day}`;
};

/**
 * The alerts-per-hour bar chart (24 hours). Animation is off: a wall screen redraws every few seconds
 * and nobody watches bars grow.
 */
export function alertsChartConfig(stats: WallboardStats, display: ClockDisplay, fontPx = CHART_FONT_PX): ChartConfiguration<'bar', number[], string> {
  const FONT = { size: fontPx };
  return {
    type: 'bar',
    data: {
      labels: stats.alertsPerHour.map((h) => hourLabel(h.start, display)),
      datasets: [{ label: 'Alerts per hour', data: stats.alertsPerHour.map((h) => h.count), backgroundColor: CHART_COLOURS.bars }],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { display: false }, tooltip: { enabled: false } },
      scales: {
        x: { ticks: { color: CHART_COLOURS.text, font: FONT, maxTicksLimit: 8 }, grid: { color: CHART_COLOURS.grid } },
        y: { beginAtZero: true, ticks: { color: CHART_COLOURS.text, font: FONT, precision: 0 }, grid: { color: CHART_COLOURS.grid } },
      },
    },
  };
}

/** One point of a response-time line: x is epoch ms, y is minutes (absent days are left out). */
export interface TimePoint {
  x: number;
  y: number;
}

function series(daily: WallboardStats['responseTimes']['read']['daily']): TimePoint[] {
  return daily.flatMap((d) => (d.meanSeconds === null ? [] : [{ x: Date.parse(d.end), y: Math.round((d.meanSeconds / 60) * 10) / 10 }]));
}

/**
 * The mean time to read / acknowledge / resolve trend (minutes, per day over 7 days). The data is
 * pre-parsed `{x, y}` on a linear x axis with `parsing: false`, so Chart.js's decimation plugin (LTTB)
 * thins long series to the canvas width; animation is off.
 */
export function responseChartConfig(stats: WallboardStats, display: ClockDisplay, fontPx = CHART_FONT_PX): ChartConfiguration<'line', TimePoint[]> {
  const FONT = { size: fontPx };
  const { read, acknowledge, resolve } = stats.responseTimes;
  // The axis spans the seven days whether or not any day has a value, so an empty week still reads as one.
  const ends = read.daily.map((d) => Date.parse(d.end));
  const range = ends.length ? { min: Math.min(...ends), max: Math.max(...ends) } : {};
  const line = (label: string, data: TimePoint[], colour: string) => ({
    label,
    data,
    borderColor: colour,
    backgroundColor: colour,
    borderWidth: 4,
    pointRadius: 5,
    indexAxis: 'x' as const,
  });
  return {
    type: 'line',
    data: {
      datasets: [
        line('Read', series(read.daily), CHART_COLOURS.read),
        line('Acknowledge', series(acknowledge.daily), CHART_COLOURS.acknowledge),
        line('Resolve', series(resolve.daily), CHART_COLOURS.resolve),
      ],
    },
    options: {
      animation: false,
      parsing: false,
      normalized: true,
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        decimation: { enabled: true, algorithm: 'lttb', samples: 200, threshold: 400 },
        legend: { labels: { color: CHART_COLOURS.text, font: FONT } },
        tooltip: { enabled: false },
      },
      scales: {
        x: {
          type: 'linear',
          ...range,
          ticks: { color: CHART_COLOURS.text, font: FONT, callback: (v) => dayLabel(Number(v), display), stepSize: 86_400_000, maxTicksLimit: 8 },
          grid: { color: CHART_COLOURS.grid },
        },
        y: { beginAtZero: true, title: { display: true, text: 'minutes', color: CHART_COLOURS.text, font: FONT }, ticks: { color: CHART_COLOURS.text, font: FONT }, grid: { color: CHART_COLOURS.grid } },
      },
    },
  };
}
