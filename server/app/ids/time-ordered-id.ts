import { randomFillSync } from 'node:crypto';

let lastMs = -1;
let counter = 0;
/**
 * Random bytes drawn 4 KiB at a time, as Node's randomUUID keeps its own: one draw of 16 bytes costs
 * about as much as one of 4 KiB, and an id was made for every timeline event.
 */
const pool = Buffer.alloc(4096);
let used = pool.length;

/** The next `n` random bytes of the pool (a view: copy what must outlive the next call). */
function random(n: number): Buffer {
  if (used + n > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += n;
  return pool.subarray(used - n, used);
}

/**
 * Makes a new UUID version 7 (RFC 9562): 48 bits of Unix time in milliseconds, then a 12-bit counter
 * (method 1 of the RFC: it starts at a random value in its lower half each millisecond and counts up,
 * carrying into the next millisecond when it runs out), then 62 random bits. Ids made later sort
 * after earlier ones within this process, so rows keyed by them are added at the end of their
 * index rather than at a random place in it: a transaction of many new rows touches a few index
 * pages instead of one page per row. `nowMs` is for tests; the wall clock otherwise.
 */
export function timeOrderedId(nowMs: number = Date.now()): string {
  if (nowMs > lastMs) {
    lastMs = nowMs;
    counter = random(2).readUInt16BE(0) & 0x7ff;
  } else if (counter < 0xfff) {
    counter += 1;
  } else {
    lastMs += 1;
    counter = 0;
  }
  const bytes = Buffer.from(random(16));
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
