import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkAuditRow as checkAuditWith, checkTimelineRow as checkTimelineWith } from './chain-check.js';
import { GENESIS_HASH, type Digest } from './chain-hash.js';
import {
  auditRowHash as auditHashWith,
  timelineRowHash as timelineHashWith,
  type AuditChainRow,
  type TimelineChainRow,
} from './chain-rows.js';

const sha256: Digest = (text) => createHash('sha256').update(text).digest('hex');
const auditRowHash = (prev: string, row: Parameters<typeof auditHashWith>[2]) => auditHashWith(sha256, prev, row);
const timelineRowHash = (prev: string, row: Parameters<typeof timelineHashWith>[2]) => timelineHashWith(sha256, prev, row);
const checkAuditRow = (...args: [AuditChainRow | undefined, AuditChainRow]) => checkAuditWith(sha256, ...args);
const checkTimelineRow = (...args: [TimelineChainRow | undefined, TimelineChainRow]) => checkTimelineWith(sha256, ...args);

function auditChain(n: number): AuditChainRow[] {
  const rows: AuditChainRow[] = [];
  for (let seq = 1; seq <= n; seq++) {
    const content = {
      seq,
      at: new Date(Date.UTC(2030, 0, 1, 0, 0, seq)).toISOString(),
      action: 'auth.login',
      actorId: 'alice',
      address: '192.0.2.1',
      subjectKind: 'user',
      subjectId: 'alice',
      details: '{}',
    };
    const prevHash = rows.at(-1)?.hash ?? GENESIS_HASH;
    rows.push({ ...content, prevHash, hash: auditRowHash(prevHash, content) });
  }
  return rows;
}

const firstBreak = (rows: AuditChainRow[]) => rows.map((row, i) => checkAuditRow(rows[i - 1], row)).find(Boolean);

describe('audit chain check', () => {
  it('passes an intact chain', () => {
    expect(firstBreak(auditChain(5))).toBeUndefined();
  });

  it('names an edited row by seq, with the hash its content should have and the one it carries', () => {
    const rows = auditChain(5);
    rows[2] = { ...rows[2]!, actorId: 'mallory' };
    expect(firstBreak(rows)).toEqual({
      table: 'audit_events',
      row: '3',
      field: 'hash',
      expected: auditRowHash(rows[1]!.hash!, rows[2]!),
      found: rows[2]!.hash,
    });
  });

  it('names the row after a deleted one, and a row re-hashed without its successors', () => {
    const rows = auditChain(5);
    expect(firstBreak([...rows.slice(0, 2), ...rows.slice(3)])).toMatchObject({ row: '4', field: 'seq', expected: '3', found: '4' });
    const forged = { ...rows[1]!, actorId: 'mallory' };
    forged.hash = auditRowHash(forged.prevHash!, forged);
    expect(firstBreak([rows[0]!, forged, ...rows.slice(2)])).toMatchObject({ row: '3', field: 'prev_hash', found: rows[1]!.hash });
  });

  it('treats a wiped hash as a break', () => {
    const rows = auditChain(2);
    expect(checkAuditRow(rows[0], { ...rows[1]!, hash: null })).toMatchObject({ field: 'hash', found: '(null)' });
  });
});

describe('timeline chain check', () => {
  const content = { id: 'e1', incidentId: 'i1', at: '2030-01-01T00:00:00.000Z', type: 'note.added', actorType: 'user', actorId: 'a', data: '{}' };
  const first: TimelineChainRow = { ...content, prevHash: GENESIS_HASH, hash: timelineRowHash(GENESIS_HASH, content) };

  it('passes a first row and names an edited one with its incident', () => {
    expect(checkTimelineRow(undefined, first)).toBeUndefined();
    expect(checkTimelineRow(undefined, { ...first, data: '{"x":1}' })).toMatchObject({
      table: 'timeline_events',
      row: 'e1',
      incidentId: 'i1',
      field: 'hash',
    });
    const second = { ...content, id: 'e2', prevHash: 'f'.repeat(64), hash: 'x' };
    expect(checkTimelineRow(first, second)).toMatchObject({ row: 'e2', field: 'prev_hash', expected: first.hash });
  });
});
