import type { Knex } from 'knex';
import type { Page, PageRequest, TenantTx, WorkspaceScope } from '../db/index.ts';
import { newId } from '../ids.ts';
import { fetchTimePage } from './cursor.ts';
import {
  type Contact,
  type Conversation,
  CUSTOMER_SERVICE_WINDOW_MS,
  type InboundMessage,
  type Message,
  type StatusUpdate,
} from './types.ts';

type Tx = TenantTx<WorkspaceScope>;
const own = (tx: Tx) => ({ partner_id: tx.scope.partnerId, workspace_id: tx.scope.workspaceId });

type ConversationRow = {
  id: string;
  workspace_id: string;
  channel: Conversation['channel'];
  surface: Conversation['surface'];
  thread_key: string;
  status: Conversation['status'];
  /** Computed (see `conversations`), not the stored `needs_review` column, which nothing keeps. */
  has_pending_draft: boolean;
  last_message_at: Date;
  last_customer_message_at: Date | null;
  window_closes_at: Date | null;
  routing_id: string | null;
  created_at: Date;
  updated_at: Date;
  contact_id: string;
  contact_provider_user_id: string;
  contact_name: string | null;
  contact_username: string | null;
};

type MessageRow = {
  id: string;
  conversation_id: string;
  channel: Message['channel'];
  direction: Message['direction'];
  type: string;
  text: string | null;
  details: Record<string, unknown>;
  provider_message_id: string;
  sent_at: Date;
  status: Message['status'];
  status_at: Date | null;
  error: Record<string, unknown> | null;
  created_at: Date;
};

function toConversation(row: ConversationRow): Conversation {
  const contact: Contact = {
    id: row.contact_id,
    channel: row.channel,
    providerUserId: row.contact_provider_user_id,
    name: row.contact_name,
    username: row.contact_username,
  };
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    channel: row.channel,
    surface: row.surface,
    threadKey: row.thread_key,
    status: row.status,
    needsReview: row.has_pending_draft,
    contact,
    lastMessageAt: row.last_message_at,
    lastCustomerMessageAt: row.last_customer_message_at,
    windowClosesAt: row.window_closes_at,
    routingId: row.routing_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    channel: row.channel,
    direction: row.direction,
    type: row.type,
    text: row.text,
    details: row.details,
    providerMessageId: row.provider_message_id,
    sentAt: row.sent_at,
    status: row.status,
    statusAt: row.status_at,
    error: row.error,
    createdAt: row.created_at,
  };
}

/**
 * The ids of the workspace's conversations with a draft waiting for a person: at most one each (a
 * new draft supersedes the waiting one), read through `drafts_workspace_state_idx`.
 */
function pendingDraftConversations(tx: Tx) {
  return tx
    .trx('drafts as d')
    .where({ 'd.partner_id': tx.scope.partnerId, 'd.workspace_id': tx.scope.workspaceId })
    .where('d.state', 'pending_approval')
    .select('d.conversation_id');
}

/**
 * Conversations with their contact. Whether one needs review is read from its drafts on every
 * query rather than stored, so no draft transition (review, supersede, expiry, send) can leave it
 * stale: for a page, one probe per row or one pass over the workspace's waiting drafts, whichever
 * the planner finds cheaper.
 */
function conversations(tx: Tx) {
  const pending = pendingDraftConversations(tx).whereRaw('d.conversation_id = c.id');
  return tx
    .trx('conversations as c')
    .join('contacts as k', function joinContact() {
      this.on('k.id', 'c.contact_id').andOn('k.partner_id', 'c.partner_id');
    })
    .where({ 'c.partner_id': tx.scope.partnerId, 'c.workspace_id': tx.scope.workspaceId })
    .select(
      'c.*',
      'k.provider_user_id as contact_provider_user_id',
      'k.name as contact_name',
      'k.username as contact_username',
      tx.trx.raw('exists (?) as has_pending_draft', [pending]),
    );
}

/**
 * The customer on this channel, created on first contact (`created`: by this call); a name or
 * username given later is kept.
 */
export async function upsertContact(
  tx: Tx,
  message: InboundMessage,
): Promise<{ id: string; created: boolean }> {
  const [row] = await tx
    .trx('contacts')
    .insert({
      ...own(tx),
      id: newId('contact'),
      channel: message.channel,
      provider_user_id: message.customer.providerUserId,
      name: message.customer.name ?? null,
      username: message.customer.username ?? null,
    })
    .onConflict(['partner_id', 'workspace_id', 'channel', 'provider_user_id'])
    .merge({
      name: tx.trx.raw('coalesce(excluded.name, contacts.name)'),
      username: tx.trx.raw('coalesce(excluded.username, contacts.username)'),
      updated_at: tx.trx.fn.now(),
    })
    // A row this statement inserted has no deleting transaction (xmax 0); an updated one has this one.
    .returning<Array<{ id: string; created: boolean }>>(['id', tx.trx.raw('(xmax = 0) as created')]);
  if (!row) throw new Error('contact upsert returned no row');
  return { id: row.id, created: row.created };
}

/** Forgets a contact this transaction just created (its message turned out to be stored already). */
export async function deleteNewContact(tx: Tx, id: string): Promise<void> {
  await tx
    .trx('contacts')
    .where({ ...own(tx), id })
    .delete();
}

/** The thread of the message Meta gave this id, if it is stored. */
export async function conversationOfProviderMessage(
  tx: Tx,
  channel: Message['channel'],
  providerMessageId: string,
): Promise<string | undefined> {
  const row: { conversation_id: string } | undefined = await tx
    .trx('messages')
    .where({ ...own(tx), channel, provider_message_id: providerMessageId })
    .first('conversation_id');
  return row?.conversation_id;
}

/**
 * The thread of a customer message, created on first contact. Activity and the customer-service
 * window only move forward, so late or repeated deliveries never shorten them. The number or
 * account the customer wrote to (`routing_id`) follows their latest message: a late or repeated
 * delivery of an older one does not move it back.
 */
export async function upsertConversation(
  tx: Tx,
  message: InboundMessage,
  contactId: string,
): Promise<string> {
  const closes =
    message.surface === 'instagram_comment'
      ? null
      : new Date(message.sentAt.getTime() + CUSTOMER_SERVICE_WINDOW_MS);
  const [row] = await tx
    .trx('conversations')
    .insert({
      ...own(tx),
      id: newId('conversation'),
      channel: message.channel,
      surface: message.surface,
      thread_key: message.threadKey,
      contact_id: contactId,
      last_message_at: message.sentAt,
      last_customer_message_at: message.sentAt,
      window_closes_at: closes,
      routing_id: message.routingId ?? null,
    })
    .onConflict(['partner_id', 'workspace_id', 'surface', 'thread_key'])
    .merge({
      // `conversations.*` is the row as it was before this update (in every expression here).
      routing_id: tx.trx.raw(
        `case when excluded.last_customer_message_at
                   >= coalesce(conversations.last_customer_message_at, '-infinity')
              then coalesce(excluded.routing_id, conversations.routing_id)
              else conversations.routing_id end`,
      ),
      last_message_at: tx.trx.raw('greatest(conversations.last_message_at, excluded.last_message_at)'),
      last_customer_message_at: tx.trx.raw(
        'greatest(conversations.last_customer_message_at, excluded.last_customer_message_at)',
      ),
      window_closes_at: tx.trx.raw('greatest(conversations.window_closes_at, excluded.window_closes_at)'),
      status: 'open',
      updated_at: tx.trx.fn.now(),
    })
    .returning<Array<{ id: string }>>('id');
  if (!row) throw new Error('conversation upsert returned no row');
  return row.id;
}

/** Stores an inbound message once; a repeated delivery of the same provider id returns null. */
export async function insertInboundMessage(
  tx: Tx,
  conversationId: string,
  contactId: string,
  message: InboundMessage,
): Promise<Message | null> {
  const [row] = await tx
    .trx('messages')
    .insert({
      ...own(tx),
      id: newId('message'),
      conversation_id: conversationId,
      contact_id: contactId,
      channel: message.channel,
      direction: 'inbound',
      type: message.type,
      text: message.text,
      details: message.details,
      provider_message_id: message.providerMessageId,
      sent_at: message.sentAt,
    })
    .onConflict(['partner_id', 'workspace_id', 'channel', 'provider_message_id'])
    .ignore()
    .returning<MessageRow[]>('*');
  return row ? toMessage(row) : null;
}

const STATUS_RANK = { pending: 0, sent: 1, delivered: 2, read: 3, failed: 4 } as const;

/**
 * Moves an outbound message's status forward (sent → delivered → read; failed is final), so
 * out-of-order deliveries never move it back. Returns the message id when it changed.
 */
export async function applyStatus(
  tx: Tx,
  update: StatusUpdate,
): Promise<{ id: string; conversationId: string } | null> {
  const rank = STATUS_RANK[update.status];
  const [row] = await tx
    .trx('messages')
    .where({ ...own(tx), channel: update.channel, provider_message_id: update.providerMessageId })
    .where('direction', 'outbound')
    .whereRaw(
      "coalesce(case status when 'pending' then 0 when 'sent' then 1 when 'delivered' then 2 when 'read' then 3 when 'failed' then 4 end, -1) < ?",
      [rank],
    )
    .update({ status: update.status, status_at: update.at, error: update.error })
    .returning<Array<{ id: string; conversation_id: string }>>(['id', 'conversation_id']);
  return row ? { id: row.id, conversationId: row.conversation_id } : null;
}

/** Whether the workspace has an outbound message with this id of Meta's. */
export async function hasOutboundMessage(
  tx: Tx,
  channel: string,
  providerMessageId: string,
): Promise<boolean> {
  const row = await tx
    .trx('messages')
    .where({ ...own(tx), channel, provider_message_id: providerMessageId, direction: 'outbound' })
    .first('id');
  return row !== undefined;
}

export async function findConversation(tx: Tx, id: string): Promise<Conversation | undefined> {
  const row = (await conversations(tx).where('c.id', id).first()) as ConversationRow | undefined;
  return row && toConversation(row);
}

export async function listConversations(
  tx: Tx,
  filters: { channel?: string; surface?: string; status?: string; needsReview?: boolean },
  page: PageRequest,
): Promise<Page<Conversation>> {
  const query = conversations(tx);
  if (filters.channel) query.where('c.channel', filters.channel);
  if (filters.surface) query.where('c.surface', filters.surface);
  if (filters.status) query.where('c.status', filters.status);
  // Both filters start from the workspace's waiting drafts (few: one per thread at most) rather
  // than probing each thread in activity order, which walks the whole workspace when waiting
  // threads are rare or old. `= any(array(…))` fetches the threads by id and sorts them;
  // `not in (…)` is a hashed lookup while walking the activity index (`conversation_id` is never
  // null, so `not in` means what it says).
  if (filters.needsReview === true) {
    query.whereRaw('c.id = any(array(?))', [pendingDraftConversations(tx)]);
  } else if (filters.needsReview === false) {
    query.whereNotIn('c.id', pendingDraftConversations(tx));
  }
  const result = await fetchTimePage<ConversationRow>(query, { time: 'c.last_message_at', id: 'c.id' }, page);
  return { ...result, data: result.data.map(toConversation) };
}

export async function listMessages(
  tx: Tx,
  conversationId: string,
  page: PageRequest,
): Promise<Page<Message>> {
  const query = tx
    .trx('messages')
    .where({ ...own(tx), conversation_id: conversationId })
    .select('*');
  const result = await fetchTimePage<MessageRow>(query, { time: 'sent_at', id: 'id' }, page);
  return { ...result, data: result.data.map(toMessage) };
}

/**
 * Whose content to erase: a whole channel of the workspace (Meta's data deletion), some threads of
 * that channel (one step of it), or one customer.
 */
export type EraseTarget =
  | { channel: 'whatsapp' | 'instagram'; conversationIds?: readonly string[] }
  | { contactId: string };

/** One bounded step of a channel's erasure: at most `limit` rows, those with an id after `after`. */
export type ErasePage = { after: string; limit: number };

const threadsOf = (target: EraseTarget) => (q: Knex.QueryBuilder) => {
  if (!('channel' in target)) return q.where('contact_id', target.contactId);
  q.where('channel', target.channel);
  return target.conversationIds ? q.whereIn('id', target.conversationIds) : q;
};

/** The ids a step takes: after `page.after`, in id order, at most `page.limit`; all without a page. */
const paged = (ids: Knex.QueryBuilder, page: ErasePage | undefined) =>
  page ? ids.where('id', '>', page.after).orderBy('id').limit(page.limit) : ids;

/**
 * Erases who the target's customers are: names go, and Meta's id of each (a WhatsApp one is their
 * phone number) becomes `erased:` and the record's own id (unique, as the key must be). An erasure
 * does this first: these rows' locks wait for a message (or a draft) being stored for them, and
 * what that stores is then erased with the rest. Answers the ids of the contacts it erased.
 */
export async function eraseContacts(tx: Tx, target: EraseTarget, page?: ErasePage): Promise<string[]> {
  const ids = tx
    .trx('contacts')
    .where(own(tx))
    .where((q) =>
      'channel' in target ? q.where('channel', target.channel) : q.where('id', target.contactId),
    )
    .whereNot('provider_user_id', 'like', 'erased:%')
    .select('id');
  const rows: Array<{ id: string }> = await tx
    .trx('contacts')
    .where(own(tx))
    .whereIn('id', paged(ids, page))
    .update(
      {
        name: null,
        username: null,
        provider_user_id: tx.trx.raw("'erased:' || id"),
        updated_at: tx.trx.fn.now(),
      },
      ['id'],
    );
  return rows.map((r) => r.id);
}

/** A step over a channel's threads: the ids of up to `page.limit` of them after `page.after`, in order. */
export async function channelThreads(
  tx: Tx,
  channel: 'whatsapp' | 'instagram',
  page: ErasePage,
): Promise<string[]> {
  return tx
    .trx('conversations')
    .where({ ...own(tx), channel })
    .where('id', '>', page.after)
    .orderBy('id')
    .limit(page.limit)
    .pluck('id');
}

/**
 * The thread keys made of the customers' ids become `erased:` and the thread's id, and the
 * business's own number or account id a thread was routed by is dropped. After the drafts: a send
 * recording its reply holds its draft, then its thread, and so does this, in that order. Answers
 * how many threads it changed.
 */
export async function eraseThreads(tx: Tx, target: EraseTarget): Promise<number> {
  return threadsOf(target)(tx.trx('conversations').where(own(tx)))
    .whereNot('thread_key', 'like', 'erased:%')
    .update({ thread_key: tx.trx.raw("'erased:' || id"), routing_id: null, updated_at: tx.trx.fn.now() });
}

/** Erases what the target's customers wrote and was written to them; the rows stay. Answers how many. */
export async function eraseMessages(tx: Tx, target: EraseTarget): Promise<number> {
  const threads = threadsOf(target);
  // (Only what still holds content: a repeated request rewrites nothing.)
  return tx
    .trx('messages')
    .where(own(tx))
    .where((q) => {
      if (!('channel' in target)) {
        // The customer's messages and the replies to them, wherever they are (a comment thread
        // holds others'); a message stored before senders were kept goes with its thread's contact.
        return q
          .where('contact_id', target.contactId)
          .orWhere((old) =>
            old
              .whereNull('contact_id')
              .whereIn('conversation_id', threads(tx.trx('conversations').where(own(tx)).select('id'))),
          );
      }
      q.where('channel', target.channel);
      return target.conversationIds ? q.whereIn('conversation_id', target.conversationIds) : q;
    })
    .where((q) => q.whereNotNull('text').orWhereNotNull('error').orWhereRaw("details <> '{}'::jsonb"))
    .update({ text: null, details: {}, error: null });
}

/**
 * Whether the customer who wrote this message was erased. Holds their contact row (shared) to the
 * end of the transaction, so an erasure beginning meanwhile waits for, and then erases, what the
 * transaction stores.
 */
export async function lockCustomerOf(tx: Tx, messageId: string): Promise<{ erased: boolean }> {
  const result = await tx.trx.raw<{ rows: Array<{ provider_user_id: string }> }>(
    `select k.provider_user_id
       from messages m
       join conversations c on c.partner_id = m.partner_id and c.workspace_id = m.workspace_id
                           and c.id = m.conversation_id
       join contacts k on k.partner_id = m.partner_id and k.workspace_id = m.workspace_id
                      and k.id = coalesce(m.contact_id, c.contact_id)
      where m.partner_id = ? and m.workspace_id = ? and m.id = ?
      for share of k`,
    [tx.scope.partnerId, tx.scope.workspaceId, messageId],
  );
  const row = result.rows[0];
  return { erased: !row || row.provider_user_id.startsWith('erased:') };
}

/** A customer of the workspace: its channel and its conversations (oldest first); undefined if none. */
export async function findContactThreads(
  tx: Tx,
  contactId: string,
): Promise<{ channel: 'whatsapp' | 'instagram'; conversationIds: string[] } | undefined> {
  const contact: { channel: 'whatsapp' | 'instagram' } | undefined = await tx
    .trx('contacts')
    .where({ ...own(tx), id: contactId })
    .first('channel');
  if (!contact) return undefined;
  const conversationIds: string[] = await tx
    .trx('conversations')
    .where({ ...own(tx), contact_id: contactId })
    .orderBy('id')
    .pluck('id');
  return { channel: contact.channel, conversationIds };
}

export async function findMessage(tx: Tx, id: string): Promise<Message | undefined> {
  const row = (await tx
    .trx('messages')
    .where({ ...own(tx), id })
    .first()) as MessageRow | undefined;
  return row && toMessage(row);
}

/** The latest `limit` messages of a conversation, oldest first: what a drafter reads. */
export async function recentMessages(tx: Tx, conversationId: string, limit: number): Promise<Message[]> {
  const rows = (await tx
    .trx('messages')
    .where({ ...own(tx), conversation_id: conversationId })
    .orderBy([
      { column: 'sent_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit)) as MessageRow[];
  return rows.reverse().map(toMessage);
}

/**
 * Stores a reply Meta accepted as an outbound message of the conversation (status `sent`, so
 * Meta's own `sent` webhook changes nothing) and moves the thread's activity forward. Answers the
 * message id; a provider id already stored answers that message.
 */
export async function insertOutboundMessage(
  tx: Tx,
  conversationId: string,
  message: {
    channel: Message['channel'];
    providerMessageId: string;
    /**
     * The reply's text, or the draft that sent it: its text as stored now, in this transaction (none
     * once the customer's data was erased while the reply was on its way to Meta).
     */
    text: string | { ofDraft: string };
    details: Record<string, unknown>;
    /** When Meta took it, if known to be earlier than now (a send confirmed later by a status). */
    sentAt?: Date;
    /** The id to give it (the draft that sent it names it before it is stored); default a new one. */
    id?: string;
  },
): Promise<string> {
  // The insert and the thread's update do not depend on each other: issued together, they share a
  // round trip on a pipelined connection.
  const inserted = tx
    .trx('messages')
    .insert({
      ...own(tx),
      id: message.id ?? newId('message'),
      conversation_id: conversationId,
      channel: message.channel,
      direction: 'outbound',
      type: 'text',
      // The customer it answers: the sender of the message its draft replied to.
      contact_id:
        typeof message.text === 'string'
          ? null
          : tx.trx.raw(
              '(select m.contact_id from drafts d join messages m on m.id = d.message_id where d.partner_id = ? and d.workspace_id = ? and d.id = ? and m.partner_id = d.partner_id)',
              [tx.scope.partnerId, tx.scope.workspaceId, message.text.ofDraft],
            ),
      text:
        typeof message.text === 'string'
          ? message.text
          : tx.trx.raw(
              "(select nullif(d.text, '') from drafts d where d.partner_id = ? and d.workspace_id = ? and d.id = ?)",
              [tx.scope.partnerId, tx.scope.workspaceId, message.text.ofDraft],
            ),
      details: message.details,
      provider_message_id: message.providerMessageId,
      sent_at: message.sentAt ?? tx.trx.fn.now(),
      status: 'sent',
      status_at: message.sentAt ?? tx.trx.fn.now(),
    })
    .onConflict(['partner_id', 'workspace_id', 'channel', 'provider_message_id'])
    .ignore()
    .returning<Array<{ id: string }>>('id');
  const touched = tx
    .trx('conversations')
    .where({ ...own(tx), id: conversationId })
    .update({
      last_message_at: tx.trx.raw('greatest(last_message_at, now())'),
      updated_at: tx.trx.fn.now(),
    });
  const [[row]] = await Promise.all([inserted, touched]);
  if (row) return row.id;
  const existing: { id: string } | undefined = await tx
    .trx('messages')
    .where({ ...own(tx), channel: message.channel, provider_message_id: message.providerMessageId })
    .first('id');
  if (!existing) throw new Error('outbound message neither inserted nor found');
  return existing.id;
}
