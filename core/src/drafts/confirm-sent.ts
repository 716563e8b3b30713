/**
 * A WhatsApp reply whose Graph call never answered (`send_outcome_unknown`) may have been sent. The
 * send carried the draft's id as `biz_opaque_callback_data`, which Meta returns on the message's
 * sent, delivered and read statuses (the field is optional there, so a status may lack it): the
 * first status of the workspace that names such a draft proves Meta accepted it,
 * and records the send as its answer would have (message, Meta's id, evidence, `message.sent`).
 * Instagram has no such field; its unknown outcomes stay failed for a person to check.
 */
import * as conversations from '../conversations/repository.ts';
import type { StatusUpdate } from '../conversations/types.ts';
import type { TenantTx, WorkspaceScope } from '../db/index.ts';
import { ID_PREFIX } from '../ids.ts';
import { recordAcceptedSend } from './record-sent.ts';
import * as repo from './repository.ts';
import { OUTCOME_UNKNOWN } from './send-errors.ts';

/**
 * Answers the outbound message the status is for, once recorded here (now, or by a status of the
 * same message a moment ago); null when the status names no such draft.
 */
export async function confirmSendFromStatus(
  tx: TenantTx<WorkspaceScope>,
  update: StatusUpdate,
): Promise<{ id: string; conversationId: string } | null> {
  const draftId = update.callbackData;
  if (update.channel !== 'whatsapp' || !draftId?.startsWith(`${ID_PREFIX.draft}_`)) return null;
  // Read in the workspace the status was routed to (another workspace's draft is not found), and
  // locked: of two statuses of the message processed at once, the second waits for the first.
  const draft = await repo.findDraftForUpdate(tx, draftId);
  if (draft?.surface !== 'whatsapp') return null;
  const { delivery } = draft;
  if (
    draft.state === 'sent' &&
    delivery.messageId &&
    delivery.providerMessageId === update.providerMessageId
  ) {
    // Recorded by another status of this message meanwhile: applied as to any sent message.
    return { id: delivery.messageId, conversationId: draft.conversationId };
  }
  if (draft.state !== 'failed' || delivery.error?.code !== OUTCOME_UNKNOWN.code) return null;
  const [conversation, quoted] = await Promise.all([
    conversations.findConversation(tx, draft.conversationId),
    conversations.findMessage(tx, draft.messageId),
  ]);
  if (!conversation) return null;
  const messageId = await recordAcceptedSend(tx, {
    draft,
    conversation,
    replyTo: quoted?.providerMessageId ?? null,
    providerMessageId: update.providerMessageId,
    knownFrom: 'status',
    // Meta took it right after the call began, not when the status came (maybe after retries):
    // the thread keeps the reply before the customer's later messages.
    sentAt: delivery.startedAt ?? update.at,
  });
  return { id: messageId, conversationId: conversation.id };
}
