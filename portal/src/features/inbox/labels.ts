/** Plain-language labels for the inbox: where a thread happens, who wrote, how long replies stay open. */

const SURFACES: Record<string, string> = {
  whatsapp: 'WhatsApp',
  instagram_dm: 'Instagram DM',
  instagram_comment: 'Instagram comment',
};

export function surfaceLabel(surface: string): string {
  return SURFACES[surface] ?? surface;
}

export function customerLabel(contact: {
  name: string | null;
  username: string | null;
  provider_user_id: string;
  channel?: string;
}): string {
  if (contact.name) return contact.name;
  if (contact.username) return `@${contact.username}`;
  // An erased customer's id is `erased:` and the contact's own id: nothing to show of it.
  if (contact.provider_user_id.startsWith('erased:')) return 'Erased customer';
  // An Instagram id means nothing to a person; a WhatsApp one is the customer's number.
  if (contact.channel === 'instagram') return 'Instagram user';
  return contact.provider_user_id;
}

/**
 * How long free-form replies are still allowed: "18 h left to reply", "25 min left to reply",
 * "Reply window closed", or null where no window applies (comment threads).
 */
export function windowLabel(closesAt: string | null, now: Date): string | null {
  if (!closesAt) return null;
  const left = Date.parse(closesAt) - now.getTime();
  if (left <= 0) return 'Reply window closed';
  const minutes = Math.floor(left / 60_000);
  if (minutes < 60) return `${Math.max(minutes, 1)} min left to reply`;
  return `${Math.floor(minutes / 60)} h left to reply`;
}

/** What a message without text is, in words. */
const WITHOUT_TEXT: Record<string, string> = {
  image: 'Photo',
  video: 'Video',
  audio: 'Voice message or audio',
  document: 'Document',
  sticker: 'Sticker',
  location: 'Location',
  contacts: 'Contact card',
  order: 'Order',
  reaction: 'Removed a reaction',
  deletion: 'Deleted a message',
  unsupported: 'A message this app cannot show',
};

/** What a message shows when it has no text: what it is, in brackets. */
export function messageBody(message: { type: string; text: string | null }): string {
  if (message.text) return message.text;
  // A text message has no text only once the customer's data was erased.
  if (message.type === 'text') return '[erased]';
  return `[${WITHOUT_TEXT[message.type] ?? message.type}]`;
}

const DELIVERY: Record<string, string> = {
  pending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Not delivered',
};

/** How far an outbound message got ("Sent", "Delivered", "Read", …); null for customer messages. */
export function deliveryLabel(message: { direction: string; status: string | null }): string | null {
  if (message.direction !== 'outbound' || !message.status) return null;
  return DELIVERY[message.status] ?? message.status;
}
