/**
 * Sending an approved draft, in a worker. Three steps, each its own transaction around the slow
 * part: (1) re-check the draft, the conversation's window and the connection, then claim the draft
 * (`approved` → `sending`, one conditional update, so it is sent at most once); (2) decrypt the
 * token in memory and call the Graph API; (3) record Meta's answer — the outbound message, Meta's
 * id, evidence and the partner's event — or what Meta's error means for the draft.
 *
 * A worker that stops between (2) and (3) leaves the draft `sending`: nothing sends it again, and
 * `resolveStuckSends` later fails it as `send_outcome_unknown` for a person to check.
 */
import type { Knex } from 'knex';
import type { SendingConnection } from '../connections/repository.ts';
import * as connections from '../connections/repository.ts';
import { tokenOwner } from '../connections/types.ts';
import * as conversations from '../conversations/repository.ts';
import type { Conversation, Message } from '../conversations/types.ts';
import { type TenantTx, type WorkspaceScope, withTenant } from '../db/index.ts';
import { appendEvent } from '../events/index.ts';
import { appendEvidence } from '../evidence/index.ts';
import type { MessagingClient } from '../meta/index.ts';
import { type KeyRing, open } from '../vault/index.ts';
import { recordAcceptedSend } from './record-sent.ts';
import * as repo from './repository.ts';
import { classifySendError, OUTCOME_UNKNOWN, type SendFailure } from './send-errors.ts';
import type { DeliveryError, StoredDraft } from './types.ts';

export type SendDeps = { db: Knex; vault: KeyRing; messaging: MessagingClient };

export type SendOutcome =
  | { status: 'sent'; providerMessageId: string; messageId: string }
  | { status: 'expired' | 'failed'; error: DeliveryError }
  /** Meta asked to slow down or failed on its side: the draft is approved again, to be retried. */
  | { status: 'retry'; error: DeliveryError }
  /** Nothing to do: the draft is not approved (already sent, in flight, rejected…). */
  | { status: 'skipped'; state: StoredDraft['state'] };

type Tx = TenantTx<WorkspaceScope>;

/** Where the reply goes, read and checked before the draft is claimed. */
type Plan = {
  draft: StoredDraft;
  conversation: Conversation;
  message: Message;
  connection: SendingConnection & { tokenCiphertext: string };
};

const NOT_CONNECTED: DeliveryError = {
  code: 'not_connected',
  title: 'The number or account the customer wrote to is not connected.',
};
const NEEDS_RECONNECT: DeliveryError = {
  code: 'needs_reconnect',
  title: 'Meta refused the connection’s token; the owner must connect the account again.',
};

/**
 * The connection a reply goes out from: the one whose number or account the customer wrote to.
 * If that one is gone, none: a reply never goes out from another number than the customer wrote
 * to (which also lets an owner stop replies by disconnecting it). A thread stored before the
 * routing id was kept has none, and replies from the newest live connection of the channel.
 */
function connectionFor(
  conversation: Conversation,
  candidates: SendingConnection[],
): SendingConnection | undefined {
  if (conversation.routingId === null) return candidates[0];
  return candidates.find((candidate) => candidate.routingId === conversation.routingId);
}

/** The channel a draft's surface is on (the conversation's, from which the draft took it). */
const channelOf = (draft: StoredDraft) => (draft.surface === 'whatsapp' ? 'whatsapp' : 'instagram');

const idsOf = (draft: StoredDraft) => ({
  conversationId: draft.conversationId,
  messageId: draft.messageId,
  draftId: draft.id,
});

/** Why a draft expired without Meta saying so: its window closed, or its customer's data was erased. */
type ExpiredBecause = 'window_closed_before_send' | 'erased';

/** What a draft emptied by an erasure answers instead of a send. */
const ERASED: DeliveryError = { code: 'erased', title: "The customer's data was erased." };

async function expire(
  tx: Tx,
  draft: StoredDraft,
  from: 'approved' | 'sending',
  cause: DeliveryError | ExpiredBecause = 'window_closed_before_send',
) {
  const error = typeof cause === 'string' ? undefined : cause;
  const changed =
    from === 'approved'
      ? await repo.transition(tx, draft.id, 'approved', 'expired')
      : await repo.finishSending(tx, draft.id, 'expired', { error });
  if (!changed) return;
  await appendEvidence(tx, {
    type: 'draft.expired',
    ...idsOf(draft),
    actor: error ? 'meta' : 'system',
    data: error ? { was: from, error } : { was: from, reason: cause },
  });
}

async function fail(tx: Tx, draft: StoredDraft, from: 'approved' | 'sending', error: DeliveryError) {
  const changed =
    from === 'approved'
      ? await repo.transition(tx, draft.id, 'approved', 'failed', { sendError: error })
      : await repo.finishSending(tx, draft.id, 'failed', { error });
  if (!changed) return;
  await appendEvidence(tx, { type: 'draft.failed', ...idsOf(draft), actor: 'system', data: { error } });
  await appendEvent(tx, 'message.failed', {
    message_id: null,
    draft_id: draft.id,
    conversation_id: draft.conversationId,
    channel: channelOf(draft),
    error,
  });
}

/** Step 1: checks and claims, or says why the draft will not be sent. */
async function claim(deps: SendDeps, scope: WorkspaceScope, draftId: string) {
  return withTenant(deps.db, scope, async (tx): Promise<Plan | SendOutcome> => {
    const draft = await repo.findDraft(tx, draftId);
    if (!draft) return { status: 'skipped', state: 'failed' };
    if (draft.state !== 'approved') return { status: 'skipped', state: draft.state };
    if (draft.text === '') {
      // Erased (its customer's data): nothing to send.
      await expire(tx, draft, 'approved', 'erased');
      return { status: 'expired', error: ERASED };
    }
    // Read together: one round trip on a pipelined connection.
    const [conversation, message, candidates] = await Promise.all([
      conversations.findConversation(tx, draft.conversationId),
      conversations.findMessage(tx, draft.messageId),
      connections.findSendingConnections(tx, channelOf(draft)),
    ]);
    if (!conversation || !message) {
      const error = { code: 'not_found', title: 'The conversation or its message no longer exists.' };
      await fail(tx, draft, 'approved', error);
      return { status: 'failed', error };
    }
    const connection = connectionFor(conversation, candidates);
    if (conversation.windowClosesAt && conversation.windowClosesAt.getTime() <= Date.now()) {
      await expire(tx, draft, 'approved');
      return { status: 'expired', error: { code: 'window_closed', title: 'The 24-hour window has closed.' } };
    }
    const tokenCiphertext = connection?.status === 'active' ? connection.tokenCiphertext : null;
    if (!connection || !tokenCiphertext) {
      const error = connection?.status === 'needs_reconnect' ? NEEDS_RECONNECT : NOT_CONNECTED;
      await fail(tx, draft, 'approved', error);
      return { status: 'failed', error };
    }
    if (!(await repo.claimForSending(tx, draft.id))) {
      return { status: 'skipped', state: (await repo.findDraft(tx, draft.id))?.state ?? 'failed' };
    }
    return { draft, conversation, message, connection: { ...connection, tokenCiphertext } };
  });
}

/** Step 2: the Graph API call for the conversation's surface; answers Meta's id. */
function callGraph(deps: SendDeps, plan: Plan): Promise<string> {
  const { draft, conversation, message, connection } = plan;
  const token = open(deps.vault, connection.tokenCiphertext, tokenOwner(connection.id));
  switch (conversation.surface) {
    case 'whatsapp':
      return deps.messaging.sendWhatsAppText({
        token,
        phoneNumberId: connection.phoneNumberId ?? '',
        to: conversation.contact.providerUserId,
        text: draft.text,
        replyTo: message.providerMessageId,
        // Comes back on the message's statuses: if this call's answer is lost, they still name the draft.
        callbackData: draft.id,
      });
    case 'instagram_dm':
      return deps.messaging.sendInstagramDm({
        token,
        recipientId: conversation.contact.providerUserId,
        text: draft.text,
      });
    case 'instagram_comment': {
      // The thread key is `<media id>:<top-level comment id>`; replies go under the top-level comment.
      const commentId = conversation.threadKey.split(':')[1] ?? message.providerMessageId;
      return deps.messaging.replyToComment({ token, commentId, text: draft.text });
    }
  }
}

/** Step 3, success: the outbound message, Meta's id, evidence and the partner's event. */
function recordSent(deps: SendDeps, scope: WorkspaceScope, plan: Plan, providerMessageId: string) {
  const { draft, conversation } = plan;
  return withTenant(deps.db, scope, async (tx): Promise<SendOutcome> => {
    // Recorded here, or already by a status of the message that came first (and named the draft),
    // or as a second copy when a status recorded an earlier attempt Meta sent after all.
    const messageId = await recordAcceptedSend(tx, {
      draft,
      conversation,
      replyTo: plan.message.providerMessageId,
      providerMessageId,
      knownFrom: 'answer',
    });
    if (messageId) return { status: 'sent', providerMessageId, messageId };
    // The draft has another outcome with no message of Meta's (the stuck-send sweep failed it).
    return { status: 'skipped', state: (await repo.findDraft(tx, draft.id))?.state ?? 'sent' };
  });
}

/** Step 3, failure: what Meta's answer means for the draft (and, for a dead token, the connection). */
function recordFailure(
  deps: SendDeps,
  scope: WorkspaceScope,
  plan: Plan,
  failure: SendFailure,
  finalAttempt: boolean,
) {
  const { draft, connection, conversation } = plan;
  return withTenant(deps.db, scope, async (tx): Promise<SendOutcome> => {
    // A status of the message may have recorded the send while the call was failing (its answer
    // lost, or an error after Meta took it): then the draft has its outcome already.
    const current = await repo.findDraft(tx, draft.id);
    if (current?.state !== 'sending') return { status: 'skipped', state: current?.state ?? 'failed' };
    switch (failure.kind) {
      case 'window_closed':
        await expire(tx, draft, 'sending', failure.error);
        return { status: 'expired', error: failure.error };
      case 'reconnect':
        if (await connections.markNeedsReconnect(tx, connection.id)) {
          await appendEvent(tx, 'connection.needs_reconnect', {
            connection_id: connection.id,
            channel: conversation.channel,
            reason: 'token_refused_on_send',
          });
        }
        await fail(tx, draft, 'sending', failure.error);
        return { status: 'failed', error: failure.error };
      case 'retry':
        // Its customer's data was erased meanwhile: nothing is left to send, so it is not tried again.
        if (current.text === '') {
          await expire(tx, draft, 'sending', 'erased');
          return { status: 'expired', error: ERASED };
        }
        if (!finalAttempt) {
          await repo.finishSending(tx, draft.id, 'approved', { error: failure.error });
          return { status: 'retry', error: failure.error };
        }
        await fail(tx, draft, 'sending', failure.error);
        return { status: 'failed', error: failure.error };
      case 'failed':
      case 'unknown':
        await fail(tx, draft, 'sending', failure.error);
        return { status: 'failed', error: failure.error };
    }
  });
}

/**
 * Sends one approved draft. `finalAttempt`: a retryable failure fails the draft instead of
 * putting it back for another try. Throws only on a crash-like error (not a Meta answer), leaving
 * the draft `sending`.
 */
export async function sendDraft(
  deps: SendDeps,
  scope: WorkspaceScope,
  draftId: string,
  options: { finalAttempt?: boolean } = {},
): Promise<SendOutcome> {
  const plan = await claim(deps, scope, draftId);
  if ('status' in plan) return plan;
  let providerMessageId: string;
  try {
    providerMessageId = await callGraph(deps, plan);
  } catch (error) {
    const failure = classifySendError(error);
    if (!failure) throw error;
    return recordFailure(deps, scope, plan, failure, options.finalAttempt ?? false);
  }
  return recordSent(deps, scope, plan, providerMessageId);
}

/** A send in flight longer than this lost its worker (the Graph call itself times out far sooner). */
export const STUCK_SEND_MS = 5 * 60 * 1000;

/**
 * Fails sends whose worker stopped mid-flight: Meta may have sent them, so they are never sent
 * again; `send_outcome_unknown` asks a person to look at the thread.
 */
export async function resolveStuckSends(
  deps: { db: Knex },
  options: { startedBefore?: Date; limit?: number } = {},
): Promise<{ failed: string[] }> {
  const before = options.startedBefore ?? new Date(Date.now() - STUCK_SEND_MS);
  const failed: string[] = [];
  for (const { draftId, scope } of await repo.findStuckSends(deps.db, before, options.limit ?? 100)) {
    const changed = await withTenant(deps.db, scope, async (tx) => {
      const draft = await repo.findDraft(tx, draftId);
      if (draft?.state !== 'sending') return false;
      await fail(tx, draft, 'sending', OUTCOME_UNKNOWN);
      return true;
    });
    if (changed) failed.push(draftId);
  }
  return { failed };
}

/** Approved drafts waiting for a send job (the sweeper queues them; a queued one is not queued twice). */
export function draftsToSend(deps: { db: Knex }, limit = 500) {
  return repo.findDraftsToSend(deps.db, limit);
}
