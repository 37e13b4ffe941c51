import { describe, expect, it } from 'vitest';
import { normalizeSeverity } from './severity.js';

describe('normalizeSeverity', () => {
  it.each([
    ['page', 'critical'],
    ['CRITICAL', 'critical'],
    [' high ', 'error'],
    ['error', 'error'],
    ['Warning', 'warning'],
    ['warn', 'warning'],
    ['info', 'info'],
    ['none', 'info'],
    ['', 'info'],
    [undefined, 'info'],
  ])('maps %s to %s', (text, severity) => {
    expect(normalizeSeverity(text)).toBe(severity);
  });
});
