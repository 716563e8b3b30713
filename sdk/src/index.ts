export { createLaras, type Laras, SDK_VERSION } from './client.ts';
export { hasSubstituteErrorBody } from './error-body.ts';
export { LarasConnectionError, LarasTimeoutError } from './errors.ts';
export {
  type EvidenceCheckpoint,
  type EvidenceRecord,
  type EvidenceVerification,
  verifyEvidenceChain,
} from './evidence.ts';
export type { LarasOperations, OperationInit, OperationResult } from './operations.ts';
export type { LarasKeyOptions, LarasOptions, LarasSessionOptions } from './options.ts';
export { LarasApiError, type ListItem, type ListOperationId, type PaginateInit } from './paginate.ts';
export type { FetchFunction } from './transport.ts';
export type * from './types.ts';
export {
  LARAS_EVENT_TYPES,
  LarasWebhookVerificationError,
  verifyWebhook,
  type WebhookHeaders,
} from './webhooks.ts';
