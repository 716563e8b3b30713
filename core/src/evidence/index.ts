export { GENESIS_HASH, recordHash, sha256Hex, verifyChain } from './hash.ts';
export { appendRecord as appendEvidence, appendRecords as appendEvidenceBatch } from './repository.ts';
export { listEvidence, verifyEvidence } from './service.ts';
export {
  type ChainVerification,
  type EvidenceBody,
  type EvidenceRecord,
  type EvidenceType,
  type ListEvidenceQuery,
  ListEvidenceQuerySchema,
  type NewEvidence,
} from './types.ts';
