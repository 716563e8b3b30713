import type { Knex } from 'knex';
import { type Page, type TenantTx, type WorkspaceScope, withTenant } from '../db/index.ts';
import { confirmSendFromEcho, confirmSendFromStatus, type DmEcho } from '../drafts/confirm-sent.ts';
import * as drafts from '../drafts/repository.ts';
import type { DeliveryError } from '../drafts/types.ts';
import { notFound } from '../errors/index.ts';
import { appendEvent } from '../events/index.ts';
import { appendEvidence, sha256Hex } from '../evidence/index.ts';
import { requireWorkspace } from '../workspaces/service.ts';
import { type Erased, eraseWhole } from './erasure.ts';
import * as repo from './repository.ts';
import {
  type Conversation,
  type InboundMessage,
  type ListConversationsQuery,
  type ListMessagesQuery,
  type Message,
  StatusAheadOfSend,
  type StatusUpdate,
} from './types.ts';

type Deps = { db: Knex };

/**
 * Records a customer's message in its workspace: contact, thread and message in one transaction
 * with the partner's `message.received` event. A repeated delivery stores nothing and emits
 * nothing; it answers `{ message: null }`.
 */
export function recordInboundMessage(
  deps: Deps,
  scope: WorkspaceScope,
  message: InboundMessage,
): Promise<{ message: Message | null; conversationId: string }> {
  return withTenant(deps.db, scope, async (tx) => {
    const contact = await repo.upsertContact(tx, message);
    const contactId = contact.id;
    if (contact.created) {
      // A new customer, or a customer erased since Meta first sent this: a repeated delivery of a
      // stored message must not bring them back as a new contact and thread.
      const stored = await repo.conversationOfProviderMessage(tx, message.channel, message.providerMessageId);
      if (stored) {
        await repo.deleteNewContact(tx, contactId);
        return { message: null, conversationId: stored };
      }
    }
    const conversationId = await repo.upsertConversation(tx, message, contactId);
    const stored = await repo.insertInboundMessage(tx, conversationId, contactId, message);
    if (stored) {
      // Together: one round trip on a pipelined connection.
      await Promise.all([
        appendEvent(tx, 'message.received', {
          message_id: stored.id,
          conversation_id: conversationId,
          channel: message.channel,
          surface: message.surface,
          type: message.type,
        }),
        appendEvidence(tx, {
          type: 'message.received',
          conversationId,
          messageId: stored.id,
          providerMessageId: stored.providerMessageId,
          contentSha256: sha256Hex(JSON.stringify({ text: stored.text, details: stored.details })),
          actor: 'customer',
          data: { channel: message.channel, surface: message.surface, type: message.type },
        }),
      ]);
    }
    return { message: stored, conversationId };
  });
}

/** Meta's `errors[0]` of a failed status as a draft's delivery error. */
function deliveryError(error: Record<string, unknown> | null): DeliveryError {
  const code = error?.code;
  const title = error?.title ?? error?.message;
  return {
    code: typeof code === 'number' || typeof code === 'string' ? code : 'failed',
    title: typeof title === 'string' ? title : 'Meta reported the message as failed.',
  };
}

/**
 * Meta can report a status before the send that produced the message has stored Meta's id (the
 * answer and the webhook race). A status that matches no message while a send of the workspace to
 * the same customer (to anyone, when Meta does not name the customer) is still in flight may be
 * that one's: it is refused, so the delivery is tried again a moment later instead of the status
 * being dropped. Otherwise it was not a step forward or not for a message sent from here (another
 * app on the same number writing to other customers), and changes nothing.
 */
async function refuseIfAheadOfSend(tx: TenantTx<WorkspaceScope>, update: StatusUpdate): Promise<void> {
  const [sending, known] = await Promise.all([
    drafts.hasSendInFlight(tx, { channel: update.channel, recipientIds: update.recipientIds ?? [] }),
    repo.hasOutboundMessage(tx, update.channel, update.providerMessageId),
  ]);
  if (sending && !known) throw new StatusAheadOfSend();
}

/**
 * Applies a delivery status to the outbound message it names. A status naming (in its callback
 * data) a draft whose send is not recorded yet (its answer on the way, or lost) first records that
 * send. Other unknown ids change nothing (unless a send is in flight, above).
 */
export function recordStatus(
  deps: Deps,
  scope: WorkspaceScope,
  update: StatusUpdate,
): Promise<string | null> {
  return withTenant(deps.db, scope, async (tx) => {
    // A failure changes the reply's draft too: its lock first, as an erasure takes them.
    if (update.status === 'failed')
      await drafts.lockDraftOfSentMessage(tx, update.channel, update.providerMessageId);
    let applied = await repo.applyStatus(tx, update);
    if (!applied) {
      // Not a message recorded here yet; it may be a send whose answer is on the way or was lost.
      const confirmed = await confirmSendFromStatus(tx, update);
      if (confirmed) applied = update.status === 'sent' ? confirmed : await repo.applyStatus(tx, update);
    }
    if (!applied) {
      await refuseIfAheadOfSend(tx, update);
      return null;
    }
    const { id: messageId, conversationId } = applied;
    if (update.status === 'sent') return messageId;
    const error = update.status === 'failed' ? deliveryError(update.error) : null;
    const draftId = error ? await drafts.markDeliveryFailed(tx, messageId, error) : undefined;
    const about = { message_id: messageId, conversation_id: conversationId, channel: update.channel };
    // Together (one round trip on a pipelined connection), and last, so the chain's lock is held
    // only until the commit.
    await Promise.all([
      error
        ? appendEvent(tx, 'message.failed', { ...about, draft_id: draftId ?? null, error })
        : appendEvent(tx, update.status === 'read' ? 'message.read' : 'message.delivered', about),
      appendEvidence(tx, {
        type: `message.${update.status}`,
        messageId,
        draftId: draftId ?? null,
        providerMessageId: update.providerMessageId,
        actor: 'meta',
        data: update.error ? { error: update.error } : {},
      }),
    ]);
    return messageId;
  });
}

/**
 * An Instagram echo of a DM the business account sent: if it is a reply sent from here whose send
 * is not recorded yet (its answer still on the way, or lost), records it. Answers the message
 * recorded, or null (anything else the account sent changes nothing).
 */
export function recordEcho(deps: Deps, scope: WorkspaceScope, echo: DmEcho): Promise<string | null> {
  return withTenant(deps.db, scope, (tx) => confirmSendFromEcho(tx, echo));
}

export function listConversations(
  deps: Deps,
  scope: WorkspaceScope,
  query: ListConversationsQuery,
): Promise<Page<Conversation>> {
  return withTenant(deps.db, scope, async (tx) => {
    await requireWorkspace(tx, scope.workspaceId);
    return repo.listConversations(
      tx,
      {
        channel: query.channel,
        surface: query.surface,
        status: query.status,
        needsReview: query.needs_review === undefined ? undefined : query.needs_review === 'true',
      },
      { limit: query.limit, cursor: query.cursor },
    );
  });
}

export function getConversation(deps: Deps, scope: WorkspaceScope, id: string): Promise<Conversation> {
  return withTenant(deps.db, scope, async (tx) => {
    const conversation = await repo.findConversation(tx, id);
    if (!conversation) throw notFound('conversation');
    return conversation;
  });
}

export function listMessages(
  deps: Deps,
  scope: WorkspaceScope,
  conversationId: string,
  query: ListMessagesQuery,
): Promise<Page<Message>> {
  return withTenant(deps.db, scope, async (tx) => {
    if (!(await repo.findConversation(tx, conversationId))) throw notFound('conversation');
    return repo.listMessages(tx, conversationId, { limit: query.limit, cursor: query.cursor });
  });
}

/** One customer's request to have their data erased, made by `actor` (a user or an API key). */
export function eraseContact(
  deps: Deps,
  scope: WorkspaceScope,
  contactId: string,
  actor: string,
): Promise<Erased & { contactId: string; conversationIds: string[] }> {
  return withTenant(deps.db, scope, async (tx) => {
    const contact = await repo.findContactThreads(tx, contactId);
    if (!contact) throw notFound('contact');
    const erased = await eraseWhole(tx, { contactId }, { channel: contact.channel, actor });
    return { ...erased, contactId, conversationIds: contact.conversationIds };
  });
}
