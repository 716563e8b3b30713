export {
  eraseChannelContent,
  getConversation,
  listConversations,
  listMessages,
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
  type StatusUpdate,
  type Surface,
} from './types.ts';
