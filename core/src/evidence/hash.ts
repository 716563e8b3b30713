/**
 * The chain's arithmetic: `hash = sha256(prev_hash || canonical_json(record))`, canonical JSON
 * being RFC 8785 (JCS), so anyone can recompute a hash from an exported record. The SDK's offline
 * verifier does the same; a test checks they agree.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { ChainVerification, EvidenceBody, EvidenceRecord } from './types.ts';

export const GENESIS_HASH = '0'.repeat(64);

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function recordHash(prevHash: string, body: EvidenceBody): string {
  const canonical = canonicalize(body);
  if (canonical === undefined) throw new Error('an evidence record must be JSON');
  return sha256Hex(prevHash + canonical);
}

/** Checks every link and hash in order, from the first record. */
export function verifyChain(records: readonly EvidenceRecord[]): ChainVerification {
  let prev = GENESIS_HASH;
  for (const [index, record] of records.entries()) {
    const { prev_hash: prevHash, hash, ...body } = record;
    if (record.seq !== index + 1 || prevHash !== prev || recordHash(prevHash, body) !== hash) {
      return {
        valid: false,
        length: records.length,
        headHash: records.at(-1)?.hash ?? null,
        firstBadSeq: record.seq,
      };
    }
    prev = hash;
  }
  return { valid: true, length: records.length, headHash: records.at(-1)?.hash ?? null, firstBadSeq: null };
}
