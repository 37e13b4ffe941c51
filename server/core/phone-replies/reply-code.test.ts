import { describe, expect, it } from 'vitest';
import { billedMinutes, isUnansweredCall, pageCode, parseSmsReply, voiceKeyAction } from './reply-code.js';

describe('phone reply codes', () => {
  it('gives a page a stable four-digit code', () => {
    expect(pageCode('p-1')).toMatch(/^\d{4}$/);
    expect(pageCode('p-1')).toBe(pageCode('p-1'));
    expect(pageCode('p-1')).not.toBe(pageCode('p-2'));
  });

  it('reads 1, 2 and 3 with or without a code', () => {
    expect(parseSmsReply('1')).toEqual({ action: 'read' });
    expect(parseSmsReply(' 2 4821 ')).toEqual({ action: 'acknowledge', code: '4821' });
    expect(parseSmsReply('3 #0042')).toEqual({ action: 'decline', code: '0042' });
    expect(parseSmsReply('2-4821.')).toEqual({ action: 'acknowledge', code: '4821' });
  });

  it('refuses anything else', () => {
    for (const text of ['', '4', '12', 'yes', '1 482', '1 48211', 'STOP', '1 please']) expect(parseSmsReply(text)).toBeUndefined();
  });

  it('maps keys to actions', () => {
    expect(voiceKeyAction('1')).toBe('read');
    expect(voiceKeyAction('2')).toBe('acknowledge');
    expect(voiceKeyAction('3')).toBe('decline');
    expect(voiceKeyAction('9')).toBeUndefined();
    expect(voiceKeyAction('')).toBeUndefined();
  });

  it('counts machines, no answer and busy as unanswered', () => {
    expect(isUnansweredCall('completed', 'machine_start')).toBe(true);
    expect(isUnansweredCall('completed', 'machine_end_beep')).toBe(true);
    expect(isUnansweredCall('no-answer', undefined)).toBe(true);
    expect(isUnansweredCall('busy', undefined)).toBe(true);
    expect(isUnansweredCall('completed', 'human')).toBe(false);
    expect(isUnansweredCall('completed', undefined)).toBe(false);
  });

  it('bills every started minute', () => {
    expect(billedMinutes(0)).toBe(0);
    expect(billedMinutes(1)).toBe(1);
    expect(billedMinutes(60)).toBe(1);
    expect(billedMinutes(61)).toBe(2);
    expect(billedMinutes(Number.NaN)).toBe(0);
  });
});
