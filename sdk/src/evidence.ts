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

/** Verifies a whole chain in order; the answer has the same shape as the API's `verifyEvidence`. */
export async function verifyEvidenceChain(records: readonly EvidenceRecord[]): Promise<EvidenceVerification> {
  const head = records.at(-1)?.hash ?? null;
  let prev = GENESIS;
  for (const [index, record] of records.entries()) {
    const { prev_hash: prevHash, hash, ...body } = record;
    const canonical = canonicalize(body);
    const expected = canonical === undefined ? '' : await sha256Hex(prevHash + canonical);
    if (record.seq !== index + 1 || prevHash !== prev || expected !== hash) {
      return { valid: false, length: records.length, head_hash: head, first_bad_seq: record.seq };
    }
    prev = hash;
  }
  return { valid: true, length: records.length, head_hash: head, first_bad_seq: null };
}
