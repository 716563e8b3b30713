/**
 * What Meta's acceptance of a reply records, whichever way it became known (the send's own answer,
 * or a webhook of Meta's showing the message sent): the outbound message with Meta's id, the draft
 * `sent`, the evidence and the partner's `message.sent`. Inside the caller's tenant transaction.
 */
import * as conversations from '../conversations/repository.ts';
import type { Conversation } from '../conversations/types.ts';
import type { TenantTx, WorkspaceScope } from '../db/index.ts';
import { appendEvent } from '../events/index.ts';
import { appendEvidence, sha256Hex } from '../evidence/index.ts';
import { newId } from '../ids.ts';
import * as repo from './repository.ts';
import { OUTCOME_UNKNOWN } from './send-errors.ts';
import type { StoredDraft } from './types.ts';

type Tx = TenantTx<WorkspaceScope>;

/** `knownFrom`: the Graph call's own answer, or a webhook of Meta's showing the message sent. */
export type AcceptedSend = {
  draft: StoredDraft;
  conversation: Conversation;
  /** Meta's id of the customer message the reply quotes (WhatsApp `context`). */
  replyTo: string | null;
  providerMessageId: string;
} & (
  | { knownFrom: 'answer' }
  /**
   * A WhatsApp status naming the draft, or an Instagram echo of its text; `sentAt`: when the Graph
   * call that sent it began.
   */
  | { knownFrom: 'status' | 'echo'; sentAt: Date }
);

/**
 * Records the accepted send: the draft first (its row lock orders the send's own answer and the
 * webhooks that may record the same send at once), then the message. Answers the outbound message
 * Meta's id names; if the send was already recorded (the answer and a webhook raced), that message,
 * recording nothing. A draft already sent as another of Meta's messages was sent twice (Meta
 * answered an attempt with an error and sent it all the same, and the retry too): this message is
 * recorded as well, as a duplicate of the first, since the customer received both. Null, recording
 * nothing, when the draft has no send this way of knowing may record (it failed for another reason).
 */
export async function recordAcceptedSend(tx: Tx, send: AcceptedSend): Promise<string | null> {
  const { draft, providerMessageId } = send;
  const messageId = newId('message');
  const marked =
    send.knownFrom === 'answer'
      ? await repo.finishSending(tx, draft.id, 'sent', { messageId, providerMessageId })
      : await repo.markSentFromWebhook(tx, draft.id, String(OUTCOME_UNKNOWN.code), {
          messageId,
          providerMessageId,
          sentAt: send.sentAt,
        });
  if (marked) {
    const stored = await recordMessage(tx, send, messageId, null);
    // Only a draft's send stores an outbound message with Meta's id, and only after taking the draft.
    if (stored !== messageId) throw new Error(`Meta's id ${providerMessageId} is already another message's`);
    return messageId;
  }
  // Recorded meanwhile by a webhook or the answer (which may since have failed or expired it).
  const current = await repo.findDraft(tx, draft.id);
  const first = current?.delivery;
  if (!first?.messageId) return null;
  if (first.providerMessageId === providerMessageId) return first.messageId;
  // Two recording the same duplicate at once (its answer and a status, two statuses): the message's
  // unique id lets one store it; the other finds it stored and tells nobody again.
  return recordMessage(tx, send, messageId, first.messageId);
}

/**
 * Stores the outbound message (as `messageId`) with the evidence and the partner's event; answers
 * the id stored under Meta's id, which is another one's (and nothing else is written) when it was
 * already stored.
 */
async function recordMessage(
  tx: Tx,
  send: AcceptedSend,
  messageId: string,
  duplicateOf: string | null,
): Promise<string> {
  const { draft, conversation, providerMessageId } = send;
  const stored = await conversations.insertOutboundMessage(tx, conversation.id, {
    id: messageId,
    channel: conversation.channel,
    providerMessageId,
    // The draft's row is this transaction's: its text now, which an erasure may have emptied.
    text: { ofDraft: draft.id },
    details: {
      draft_id: draft.id,
      reply_to: send.replyTo,
      ...(duplicateOf ? { duplicate_of: duplicateOf } : {}),
    },
    ...(send.knownFrom === 'answer' ? {} : { sentAt: send.sentAt }),
  });
  if (stored !== messageId) return stored;
  const duplicate = duplicateOf ? { duplicate_of: duplicateOf } : {};
  // Together: one round trip on a pipelined connection.
  await Promise.all([
    appendEvent(tx, 'message.sent', {
      message_id: messageId,
      draft_id: draft.id,
      conversation_id: conversation.id,
      channel: conversation.channel,
      surface: conversation.surface,
      provider_message_id: providerMessageId,
      ...duplicate,
    }),
    appendEvidence(tx, {
      type: 'message.sent',
      conversationId: conversation.id,
      messageId,
      draftId: draft.id,
      providerMessageId,
      contentSha256: sha256Hex(draft.text),
      actor: draft.reviewedBy ?? 'system',
      data: {
        channel: conversation.channel,
        surface: conversation.surface,
        edited: draft.edited,
        ...(send.knownFrom === 'answer' ? {} : { known_from: send.knownFrom }),
        ...duplicate,
      },
    }),
  ]);
  return messageId;
}
