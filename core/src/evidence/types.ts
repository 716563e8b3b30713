import { z } from 'zod';

/** What each evidence record is about. */
export type EvidenceType =
  | 'message.received'
  | 'message.sent'
  | 'message.delivered'
  | 'message.read'
  | 'message.failed'
  | 'draft.created'
  | 'draft.classified'
  | 'draft.decided'
  | 'draft.approved'
  | 'draft.rejected'
  | 'draft.superseded'
  | 'draft.expired'
  | 'draft.failed'
  | 'connection.connected'
  | 'connection.disconnected'
  | 'workspace.data_deleted';

/** The fields a record's hash covers (all but `prev_hash` and `hash`), in the wire's snake_case. */
export type EvidenceBody = {
  seq: number;
  type: EvidenceType;
  workspace_id: string;
  conversation_id: string | null;
  message_id: string | null;
  draft_id: string | null;
  provider_message_id: string | null;
  /** sha256 of the content the record is about (never the content). */
  content_sha256: string | null;
  /** `customer`, `meta`, `system`, `auto_rule`, or a user id. */
  actor: string;
  data: Record<string, unknown>;
  created_at: string;
};

export type EvidenceRecord = EvidenceBody & { prev_hash: string; hash: string };

/** What a caller appends; sequence, time and hashes are the chain's. */
export type NewEvidence = {
  type: EvidenceType;
  conversationId?: string | null;
  messageId?: string | null;
  draftId?: string | null;
  providerMessageId?: string | null;
  contentSha256?: string | null;
  actor: string;
  data?: Record<string, unknown>;
};

export type ChainVerification = {
  valid: boolean;
  length: number;
  headHash: string | null;
  /** The first record whose link or hash does not check out. */
  firstBadSeq: number | null;
};

export const ListEvidenceQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().min(1).max(200).optional(),
  conversation_id: z.string().min(1).max(64).optional(),
  message_id: z.string().min(1).max(64).optional(),
});
export type ListEvidenceQuery = z.infer<typeof ListEvidenceQuerySchema>;
