/**
 * The Graph API sends of a reply: WhatsApp Cloud API text (quoting the customer's message),
 * Instagram DM, and a public reply to an Instagram comment. Each answers Meta's id of what it
 * sent; failures come back as MetaApiError / MetaUnavailableError.
 */
import { z } from 'zod';
import type { MetaConfig } from '../config/index.ts';
import { callMeta } from './http.ts';
import { MetaApiError } from './meta-error.ts';
import { parseMetaResponse } from './parse-response.ts';

const WhatsAppSent = z.object({ messages: z.array(z.object({ id: z.string().min(1) })).min(1) });
const InstagramSent = z.object({ message_id: z.string().min(1) });
const CommentReplied = z.object({ id: z.string().min(1) });

export type MessagingClient = ReturnType<typeof createMessagingClient>;

export function createMessagingClient(meta: MetaConfig) {
  const timeoutMs = meta.httpTimeoutMs;
  const at = (base: string, path: string) =>
    new URL(`${base.replace(/\/$/, '')}/${meta.graphVersion}/${path}`);

  return {
    /**
     * A text to a WhatsApp customer, as a reply to their message. `to` is the customer's phone
     * (wa_id) when Meta gave one, else their business-scoped user id (sent as `recipient`).
     * `callbackData` is sent as `biz_opaque_callback_data` (an arbitrary string of at most 512
     * characters, which Meta returns on the message's sent, delivered and read status webhooks), so
     * a send whose answer was lost can still be recognised; a status without it is handled too.
     */
    async sendWhatsAppText(input: {
      token: string;
      phoneNumberId: string;
      to: string;
      text: string;
      replyTo?: string;
      callbackData?: string;
    }): Promise<string> {
      const operation = 'send whatsapp message';
      const recipient = /^\d+$/.test(input.to) ? { to: `+${input.to}` } : { recipient: input.to };
      const json = {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        ...recipient,
        type: 'text',
        text: { body: input.text, preview_url: false },
        ...(input.replyTo ? { context: { message_id: input.replyTo } } : {}),
        ...(input.callbackData ? { biz_opaque_callback_data: input.callbackData } : {}),
      };
      const url = at(meta.graphUrl, `${input.phoneNumberId}/messages`);
      const body = await callMeta({ operation, url, method: 'POST', token: input.token, json, timeoutMs });
      const first = parseMetaResponse(operation, WhatsAppSent, body).messages[0];
      if (!first) throw new MetaApiError(operation, 200, undefined, undefined, undefined, 'no message id');
      return first.id;
    },

    /** A DM to the Instagram user `recipientId` (IGSID) from the token's account. */
    async sendInstagramDm(input: { token: string; recipientId: string; text: string }): Promise<string> {
      const operation = 'send instagram message';
      const json = { recipient: { id: input.recipientId }, message: { text: input.text } };
      const url = at(meta.instagramGraphUrl, 'me/messages');
      const body = await callMeta({ operation, url, method: 'POST', token: input.token, json, timeoutMs });
      return parseMetaResponse(operation, InstagramSent, body).message_id;
    },

    /** A public reply under the top-level Instagram comment `commentId`. */
    async replyToComment(input: { token: string; commentId: string; text: string }): Promise<string> {
      const operation = 'reply to instagram comment';
      const url = at(meta.instagramGraphUrl, `${input.commentId}/replies`);
      const body = await callMeta({
        operation,
        url,
        method: 'POST',
        token: input.token,
        form: { message: input.text },
        timeoutMs,
      });
      return parseMetaResponse(operation, CommentReplied, body).id;
    },
  };
}
