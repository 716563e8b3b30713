import { z } from 'zod';
import type { Citation, DraftChannel } from '../drafting/index.ts';
import type { Decision, Verdict } from '../safety/index.ts';

export type DraftState =
  | 'pending_approval'
  | 'approved'
  | 'rejected'
  | 'superseded'
  | 'expired'
  | 'sending'
  | 'sent'
  | 'failed';

/** A drafted reply to one customer message, with its safety verdict and review decision. */
export type StoredDraft = {
  id: string;
  workspaceId: string;
  conversationId: string;
  messageId: string;
  surface: DraftChannel;
  state: DraftState;
  text: string;
  language: string;
  intent: string;
  citations: Citation[];
  confidence: number;
  needsHuman: boolean;
  needsHumanReason: string | null;
  provider: string;
  model: string;
  promptVersion: string;
  timingMs: number;
  verdict: Verdict;
  decision: Decision;
  /** The approver changed the text before sending. */
  edited: boolean;
  /** Who approved or rejected it: `auto_rule`, a portal user id, or a partner API key id. */
  reviewedBy: string | null;
  reviewedAt: Date | null;
  rejectionReason: string | null;
  delivery: DraftDelivery;
  createdAt: Date;
  updatedAt: Date;
};

/** Meta's (numeric) or Laras's own reason a send failed. */
export type DeliveryError = { code: number | string; title: string };

/** How sending the draft went. */
export type DraftDelivery = {
  /** Graph API calls made for this draft. */
  attempts: number;
  /** When the call in flight started (state `sending`). */
  startedAt: Date | null;
  /** The outbound message stored in the conversation once Meta accepted the send. */
  messageId: string | null;
  providerMessageId: string | null;
  sentAt: Date | null;
  error: DeliveryError | null;
};

/** Message types a reply is drafted for; reactions, deletions, edits and system notices get none. */
export const REPLYABLE_TYPES = new Set([
  'text',
  'image',
  'audio',
  'video',
  'document',
  'sticker',
  'location',
  'contacts',
  'choice',
  'order',
  'comment',
  'share',
  'story_mention',
  'reel',
]);

export const ListDraftsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(200).optional(),
  state: z
    .enum(['pending_approval', 'approved', 'rejected', 'superseded', 'expired', 'sending', 'sent', 'failed'])
    .optional(),
  conversation_id: z.string().min(1).max(64).optional(),
});
export type ListDraftsQuery = z.infer<typeof ListDraftsQuerySchema>;

export const ApproveDraftInputSchema = z.strictObject({
  /** The reply as the approver wants it sent; omitted: the draft's own text. */
  text: z.string().trim().min(1).max(4096).optional(),
});
export type ApproveDraftInput = z.infer<typeof ApproveDraftInputSchema>;

export const RejectDraftInputSchema = z.strictObject({
  reason: z.string().trim().min(1).max(500),
});
export type RejectDraftInput = z.infer<typeof RejectDraftInputSchema>;
