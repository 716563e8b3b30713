import type { Conversation, Message } from '@laras/core/conversations';
import type { components } from '@laras/openapi';

export function presentConversation(conversation: Conversation): components['schemas']['Conversation'] {
  return {
    id: conversation.id,
    workspace_id: conversation.workspaceId,
    channel: conversation.channel,
    surface: conversation.surface,
    status: conversation.status,
    needs_review: conversation.needsReview,
    contact: {
      id: conversation.contact.id,
      channel: conversation.contact.channel,
      provider_user_id: conversation.contact.providerUserId,
      name: conversation.contact.name,
      username: conversation.contact.username,
    },
    last_message_at: conversation.lastMessageAt.toISOString(),
    last_customer_message_at: conversation.lastCustomerMessageAt?.toISOString() ?? null,
    window_closes_at: conversation.windowClosesAt?.toISOString() ?? null,
    created_at: conversation.createdAt.toISOString(),
    updated_at: conversation.updatedAt.toISOString(),
  };
}

export function presentMessage(message: Message): components['schemas']['Message'] {
  return {
    id: message.id,
    conversation_id: message.conversationId,
    channel: message.channel,
    direction: message.direction,
    type: message.type,
    text: message.text,
    details: message.details,
    provider_message_id: message.providerMessageId,
    sent_at: message.sentAt.toISOString(),
    status: message.status,
    status_at: message.statusAt?.toISOString() ?? null,
    error: message.error,
    created_at: message.createdAt.toISOString(),
  };
}
