import { createHash } from 'node:crypto';
import type { Digest } from '../../core/audit/chain-hash.js';

/** SHA-256 of UTF-8 text as lower-case hex: the digest of the audit and timeline hash chains. */
export const sha256Hex: Digest = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
