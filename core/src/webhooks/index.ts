export { type GroupCommitOptions, groupCommit } from './group-commit.ts';
export { createWebhookStore, type WebhookStore } from './service.ts';
export { signMetaPayload, verifyHandshake, verifyMetaSignature } from './signature.ts';
export { type StoredWebhookEvent, WEBHOOK_OBJECT, type WebhookSource } from './types.ts';
