/**
 * Offline verification of an exported evidence chain (`listEvidence` pages, concatenated): each
 * record's `hash` must be `sha256(prev_hash || JCS(record without prev_hash and hash))` and link to
 * the one before, from 64 zeros. Runs in browsers and Node (Web Crypto); needs no API access.
 */

import type { components } from '@laras/openapi';
import canonicalize from 'canonicalize';

export type EvidenceRecord = components['schemas']['EvidenceRecord'];
export type EvidenceVerification = components['schemas']['EvidenceVerification'];

const GENESIS = '0'.repeat(64);

async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A chain state published earlier: `verifyEvidence`'s (or this function's) `length` and `head_hash`
 * at that time. Records are only ever appended, so every later export must still hold that record.
 */
export type EvidenceCheckpoint = { length: number; head_hash: string | null };

/** A checkpoint that could never describe a chain is a mistake of the caller's, not a broken chain. */
function assertCheckpoint(checkpoint: EvidenceCheckpoint): void {
  const { length, head_hash: headHash } = checkpoint;
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new TypeError('checkpoint.length must be a whole number of records, 0 or more.');
  }
  if (length === 0 ? headHash !== null : typeof headHash !== 'string' || !/^[0-9a-f]{64}$/.test(headHash)) {
    throw new TypeError(
      'checkpoint.head_hash must be null for length 0, else the 64-hex hash of that record.',
    );
  }
}

/**
 * Verifies a whole chain in order; the answer has the same shape as the API's `verifyEvidence`.
 *
 * Links and hashes alone cannot show that records were cut off the end, or that the whole chain
 * was recomputed after an edit: pass a `checkpoint` published earlier to catch both. The export
 * must then reach the checkpoint's length (else `first_bad_seq` is the first missing record) and
 * its record there must carry the checkpoint's hash (else `first_bad_seq` is that record). A
 * checkpoint that describes no possible chain (a negative length, a hash with length 0…) throws a
 * TypeError.
 */
export async function verifyEvidenceChain(
  records: readonly EvidenceRecord[],
  checkpoint?: EvidenceCheckpoint,
): Promise<EvidenceVerification> {
  if (checkpoint) assertCheckpoint(checkpoint);
  const head = records.at(-1)?.hash ?? null;
  const broken = (seq: number) => ({
    valid: false,
    length: records.length,
    head_hash: head,
    first_bad_seq: seq,
  });
  let prev = GENESIS;
  for (const [index, record] of records.entries()) {
    const { prev_hash: prevHash, hash, ...body } = record;
    const canonical = canonicalize(body);
    const expected = canonical === undefined ? '' : await sha256Hex(prevHash + canonical);
    if (record.seq !== index + 1 || prevHash !== prev || expected !== hash) return broken(record.seq);
    prev = hash;
  }
  if (checkpoint && checkpoint.length > 0) {
    if (records.length < checkpoint.length) return broken(records.length + 1);
    if (records[checkpoint.length - 1]?.hash !== checkpoint.head_hash) return broken(checkpoint.length);
  }
  return { valid: true, length: records.length, head_hash: head, first_bad_seq: null };
}
