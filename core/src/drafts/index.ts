export { type DraftDeps, type DraftOutcome, draftForMessage, getDraft, listDrafts } from './service.ts';
export {
  type DraftState,
  type ListDraftsQuery,
  ListDraftsQuerySchema,
  REPLYABLE_TYPES,
  type StoredDraft,
} from './types.ts';
