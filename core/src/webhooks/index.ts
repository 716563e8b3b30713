export { type GroupCommitOptions, groupCommit } from './group-commit.ts';
export {
  announceStoredDeliveries,
  MAX_ANNOUNCED_IDS,
  parseAnnouncement,
  storedDeliveriesChannel,
} from './handoff.ts';
export { createWebhookStore, type WebhookStore } from './service.ts';
export { signMetaPayload, verifyHandshake, verifyMetaSignature } from './signature.ts';
export { type StoredWebhookEvent, WEBHOOK_OBJECT, type WebhookSource } from './types.ts';
