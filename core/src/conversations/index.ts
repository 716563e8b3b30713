export {
  CHANNEL_ERASURE_START,
  type ChannelErasureCursor,
  type ChannelErasurePhase,
  eraseChannelStep,
  recordChannelErased,
} from './erasure.ts';
export {
  eraseContact,
  getConversation,
  listConversations,
  listMessages,
  recordEcho,
  recordInboundMessage,
  recordStatus,
} from './service.ts';
export {
  type Contact,
  type Conversation,
  type ConversationStatus,
  CUSTOMER_SERVICE_WINDOW_MS,
  type DeliveryStatus,
  type InboundMessage,
  type ListConversationsQuery,
  ListConversationsQuerySchema,
  type ListMessagesQuery,
  ListMessagesQuerySchema,
  type Message,
  type MessageDirection,
  StatusAheadOfSend,
  type StatusUpdate,
  type Surface,
} from './types.ts';
