export type {
  InboundChoice,
  InboundContent,
  InboundLocation,
  InboundMedia,
  InboundMediaKind,
  InboundMessageType,
  InboundOrder,
  InboundProviderError,
  InboundReferral,
  InboundReplyTo,
  InboundSharedContact,
  InboundSystemNotice,
} from './content-types.ts';
export { MAX_DELIVERY_ATTEMPTS, pendingDeliveries } from './deliveries.ts';
export { parseInstagramWebhook } from './instagram/parse.ts';
export {
  type DeliveryOutcome,
  DeliveryRetryNeeded,
  processDelivery,
  type StoredMessageRef,
} from './process-delivery.ts';
export { DELIVERY_RETENTION_DAYS, pruneProcessedDeliveries } from './retention.ts';
export type {
  InboundAccountErrors,
  InboundChannel,
  InboundComment,
  InboundDeletion,
  InboundEcho,
  InboundEdit,
  InboundItem,
  InboundMessage,
  InboundParty,
  InboundReaction,
  InboundRead,
  InboundStatus,
  InboundStatusValue,
  InboundSurface,
  InboundUnparseable,
} from './types.ts';
export { parseWhatsAppWebhook } from './whatsapp/parse.ts';
