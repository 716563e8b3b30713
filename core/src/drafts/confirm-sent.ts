/**
 * A WhatsApp send carries its draft's id as `biz_opaque_callback_data`, which Meta returns on the
 * message's sent, delivered and read statuses (the field is optional there, so a status may lack
 * it). A status of the workspace naming a draft whose send is not recorded yet proves Meta accepted
 * it, and records the send as its answer does (message, Meta's id, evidence, `message.sent`): a
 * send still waiting for its answer (the status came first), one waiting for a retry after Meta
 * answered with an error yet sent it, or one whose answer never came (`send_outcome_unknown`). A
 * status naming a draft already sent as another message shows a second copy Meta sent (an attempt
 * it answered with an error, then the retry): recorded too, as a duplicate. A `failed` status
 * records none of these (that copy never reached the customer, and while a send is in flight it may
 * be an earlier attempt's: it waits for the answer); it does record a send whose answer never came,
 * to fail it with Meta's error. Instagram has no such field, but it echoes every message the
 * account sends (`is_echo`, with its `mid` and text): an echo of exactly a draft's text to the
 * draft's customer, whose send is not recorded, records it the same way. (Instagram's `read`
 * events wait for the send's answer.)
 */
import * as conversations from '../conversations/repository.ts';
import { StatusAheadOfSend, type StatusUpdate } from '../conversations/types.ts';
import type { TenantTx, WorkspaceScope } from '../db/index.ts';
import { ID_PREFIX } from '../ids.ts';
import { recordAcceptedSend } from './record-sent.ts';
import * as repo from './repository.ts';
import { OUTCOME_UNKNOWN } from './send-errors.ts';
import type { StoredDraft } from './types.ts';

/**
 * Longer than a Graph call waits for its answer (`META_HTTP_TIMEOUT_MS`, 10 s by default), and
 * shorter than a refused status is retried for (~30 s over the delivery's attempts).
 */
const ANSWER_EXPECTED_WITHIN_MS = 20_000;

/**
 * Answers the outbound message the status is for, once recorded here (now, or a moment ago by the
 * send's answer or another status of the message); null when the status names no such draft.
 */
export async function confirmSendFromStatus(
  tx: TenantTx<WorkspaceScope>,
  update: StatusUpdate,
): Promise<{ id: string; conversationId: string } | null> {
  const draftId = update.callbackData;
  if (update.channel !== 'whatsapp' || !draftId?.startsWith(`${ID_PREFIX.draft}_`)) return null;
  // Read in the workspace the status was routed to: another workspace's draft is not found.
  const draft = await repo.findDraft(tx, draftId);
  if (draft?.surface !== 'whatsapp') return null;
  const { delivery } = draft;
  // Meta reached the customer with it (not a `failed` status: Meta took it, but it never arrived).
  const arrived = update.status !== 'failed';
  const inFlight = draft.state === 'sending';
  // A `failed` status while the send waits for its answer may be of an earlier attempt's message
  // (Meta took it despite a 5xx) as well as this one's: it records nothing, and is refused until
  // the answer is recorded (it then applies only if the ids match). A send in flight for longer
  // than an answer takes lost its worker: the status records it and fails it, as for a lost one.
  const startedAt = delivery.startedAt?.getTime() ?? 0;
  if (!arrived && inFlight && startedAt > Date.now() - ANSWER_EXPECTED_WITHIN_MS)
    throw new StatusAheadOfSend();
  // Meta answered a call with an error (a 5xx) and sent it all the same: recorded now, its retry
  // then finds the draft sent and sends nothing. Had it failed, the retry is the reply to send.
  const retryPending = arrived && draft.state === 'approved' && delivery.error !== null;
  const lost = draft.state === 'failed' && delivery.error?.code === OUTCOME_UNKNOWN.code;
  const recorded = draft.state === 'sent' && delivery.providerMessageId === update.providerMessageId;
  if (recorded && delivery.messageId) return { id: delivery.messageId, conversationId: draft.conversationId };
  // Sent already as another of Meta's messages: this one is a second copy the customer got (below).
  const sentAsAnother =
    arrived && delivery.messageId !== null && delivery.providerMessageId !== update.providerMessageId;
  if (!inFlight && !retryPending && !lost && !sentAsAnother) return null;
  const messageId = await recordShownSend(tx, draft, update.providerMessageId, 'status', update.at);
  return messageId ? { id: messageId, conversationId: draft.conversationId } : null;
}

/**
 * Records `draft`'s send, which a webhook of Meta's (`knownFrom`, at `at`) shows it made as
 * `providerMessageId`, as the send's answer would have; answers the message, or null.
 */
async function recordShownSend(
  tx: TenantTx<WorkspaceScope>,
  draft: StoredDraft,
  providerMessageId: string,
  knownFrom: 'status' | 'echo',
  at: Date,
): Promise<string | null> {
  const [conversation, quoted] = await Promise.all([
    conversations.findConversation(tx, draft.conversationId),
    conversations.findMessage(tx, draft.messageId),
  ]);
  if (!conversation) return null;
  return recordAcceptedSend(tx, {
    draft,
    conversation,
    replyTo: quoted?.providerMessageId ?? null,
    providerMessageId,
    knownFrom,
    // Meta took it right after the call began, not when the webhook came (maybe after retries):
    // the thread keeps the reply before the customer's later messages.
    sentAt: draft.delivery.startedAt ?? at,
  });
}

/** An Instagram echo: a DM the business account `accountId` sent (`mid`, text, to whom, when). */
export type DmEcho = {
  accountId: string;
  providerMessageId: string;
  recipientId: string;
  text: string;
  at: Date;
};

/**
 * Records the send of the DM draft an echo shows sent; answers its message, or null when the echo
 * is of a message already recorded, or fits no single unrecorded send of the workspace: other
 * text, another customer, a time far from any such send's call (a person writing in Instagram's
 * app, also the same text later by hand), or two identical replies it cannot tell apart.
 */
export async function confirmSendFromEcho(
  tx: TenantTx<WorkspaceScope>,
  echo: DmEcho,
): Promise<string | null> {
  if (await conversations.hasOutboundMessage(tx, 'instagram', echo.providerMessageId)) return null;
  const draftId = await repo.findUnrecordedDmSend(tx, echo, String(OUTCOME_UNKNOWN.code));
  const draft = draftId ? await repo.findDraft(tx, draftId) : undefined;
  if (!draft) return null;
  return recordShownSend(tx, draft, echo.providerMessageId, 'echo', echo.at);
}
