export { expireOverdueDrafts } from './expire.ts';
export { approveDraft, rejectDraft } from './review.ts';
export {
  draftsToSend,
  resolveStuckSends,
  type SendDeps,
  type SendOutcome,
  STUCK_SEND_MS,
  sendDraft,
} from './send.ts';
export { classifySendError, type SendFailure } from './send-errors.ts';
export { type DraftDeps, type DraftOutcome, draftForMessage, getDraft, listDrafts } from './service.ts';
export { DRAFT_GRACE_MS, messagesAwaitingDraft, WINDOW_WARNING_MS, warnExpiringWindows } from './sweeps.ts';
export {
  type ApproveDraftInput,
  ApproveDraftInputSchema,
  type DraftState,
  type ListDraftsQuery,
  ListDraftsQuerySchema,
  REPLYABLE_TYPES,
  type RejectDraftInput,
  RejectDraftInputSchema,
  type StoredDraft,
} from './types.ts';
