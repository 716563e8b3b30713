/** Which Meta product delivered a webhook; each is signed with its own app secret. */
export type WebhookSource = 'whatsapp' | 'instagram';

/** The `object` field Meta puts at the top of every delivery of each source. */
export const WEBHOOK_OBJECT: Record<WebhookSource, string> = {
  whatsapp: 'whatsapp_business_account',
  instagram: 'instagram',
};

/** A delivery as stored: its id, and whether the same bytes had already been stored. */
export type StoredWebhookEvent = { id: string; duplicate: boolean };
