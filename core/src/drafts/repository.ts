import type { Knex } from 'knex';
import { fetchPage, type Page, type PageRequest, type TenantTx, type WorkspaceScope } from '../db/index.ts';
import type { DeliveryError, StoredDraft } from './types.ts';

type Tx = TenantTx<WorkspaceScope>;
const own = (tx: Tx) => ({ 'd.partner_id': tx.scope.partnerId, 'd.workspace_id': tx.scope.workspaceId });

type Row = {
  id: string;
  workspace_id: string;
  conversation_id: string;
  message_id: string;
  surface: StoredDraft['surface'];
  state: StoredDraft['state'];
  text: string;
  language: string;
  intent: string;
  citations: StoredDraft['citations'];
  confidence: number;
  needs_human: boolean;
  needs_human_reason: string | null;
  provider: string;
  model: string;
  prompt_version: string;
  timing_ms: number;
  verdict: StoredDraft['verdict'];
  decision: StoredDraft['decision'];
  edited: boolean;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  rejection_reason: string | null;
  send_attempts: number;
  send_started_at: Date | null;
  sent_message_id: string | null;
  provider_message_id: string | null;
  sent_at: Date | null;
  send_error: DeliveryError | null;
  created_at: Date;
  updated_at: Date;
};

function toDraft(row: Row): StoredDraft {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    conversationId: row.conversation_id,
    messageId: row.message_id,
    surface: row.surface,
    state: row.state,
    text: row.text,
    language: row.language,
    intent: row.intent,
    citations: row.citations,
    confidence: row.confidence,
    needsHuman: row.needs_human,
    needsHumanReason: row.needs_human_reason,
    provider: row.provider,
    model: row.model,
    promptVersion: row.prompt_version,
    timingMs: row.timing_ms,
    verdict: row.verdict,
    decision: row.decision,
    edited: row.edited,
    reviewedBy: row.reviewed_by,
    reviewedAt: row.reviewed_at,
    rejectionReason: row.rejection_reason,
    delivery: {
      attempts: row.send_attempts,
      startedAt: row.send_started_at,
      messageId: row.sent_message_id,
      providerMessageId: row.provider_message_id,
      sentAt: row.sent_at,
      error: row.send_error,
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Drafts with their thread's surface. The surface is a subquery, not a join: with a join the
 * planner (misjudging row counts under row-level security) started from the workspace's threads
 * and sorted all their drafts; this way a page reads `drafts_workspace_idx` in order and looks up
 * the surface for the rows it returns only. Every draft has its thread (foreign key).
 */
function drafts(tx: Tx) {
  return tx
    .trx('drafts as d')
    .where(own(tx))
    .select(
      'd.*',
      tx.trx.raw(
        '(select c.surface from conversations c where c.id = d.conversation_id and c.partner_id = d.partner_id) as surface',
      ),
    );
}

export async function findDraft(tx: Tx, id: string): Promise<StoredDraft | undefined> {
  const row = (await drafts(tx).where('d.id', id).first()) as Row | undefined;
  return row && toDraft(row);
}

export async function findDraftForMessage(tx: Tx, messageId: string): Promise<StoredDraft | undefined> {
  const row = (await drafts(tx).where('d.message_id', messageId).first()) as Row | undefined;
  return row && toDraft(row);
}

/**
 * Whether the customer wrote again in the message's thread after it, a message of one of `types`
 * (by when Meta says each was sent, then id: the order drafting and the sweeper use). Compared in
 * SQL, at the stored precision.
 */
export async function hasNewerInbound(
  tx: Tx,
  conversationId: string,
  messageId: string,
  types: ReadonlySet<string>,
): Promise<boolean> {
  const { partnerId, workspaceId } = tx.scope;
  const newer = await tx
    .trx('messages as n')
    .where({ 'n.partner_id': partnerId, 'n.workspace_id': workspaceId, 'n.conversation_id': conversationId })
    .where('n.direction', 'inbound')
    .whereIn('n.type', [...types])
    .whereRaw(
      '(n.sent_at, n.id) > (select m.sent_at, m.id from messages m where m.partner_id = ? and m.workspace_id = ? and m.id = ?)',
      [partnerId, workspaceId, messageId],
    )
    .first('n.id');
  return newer !== undefined;
}

/**
 * Marks drafts still waiting in the conversation as superseded, but `except` and any for the
 * message `answering` (drafted meanwhile by another run: that draft stands); answers them (id and
 * the message each replied to).
 */
export async function supersedePending(
  tx: Tx,
  conversationId: string,
  options: { except?: string; answering?: string } = {},
): Promise<Array<{ id: string; messageId: string }>> {
  const query = tx
    .trx('drafts')
    .where({
      partner_id: tx.scope.partnerId,
      workspace_id: tx.scope.workspaceId,
      conversation_id: conversationId,
    })
    .where('state', 'pending_approval');
  if (options.except) query.whereNot('id', options.except);
  if (options.answering) query.whereNot('message_id', options.answering);
  const rows = await query
    .update({ state: 'superseded', updated_at: tx.trx.fn.now() })
    .returning<Array<{ id: string; message_id: string }>>(['id', 'message_id']);
  return rows.map((r) => ({ id: r.id, messageId: r.message_id }));
}

/**
 * Stores a new draft for its message and answers it as stored, or `undefined` when the message
 * already has one. The caller gives the thread's surface, which the row does not hold.
 */
export async function insertDraft(
  tx: Tx,
  draft: Omit<
    StoredDraft,
    | 'workspaceId'
    | 'createdAt'
    | 'updatedAt'
    | 'edited'
    | 'reviewedBy'
    | 'reviewedAt'
    | 'rejectionReason'
    | 'delivery'
  > & { reviewedBy: string | null },
): Promise<StoredDraft | undefined> {
  const [row] = await tx
    .trx('drafts')
    .insert({
      id: draft.id,
      partner_id: tx.scope.partnerId,
      workspace_id: tx.scope.workspaceId,
      conversation_id: draft.conversationId,
      message_id: draft.messageId,
      state: draft.state,
      text: draft.text,
      language: draft.language,
      intent: draft.intent,
      citations: JSON.stringify(draft.citations),
      confidence: draft.confidence,
      needs_human: draft.needsHuman,
      needs_human_reason: draft.needsHumanReason,
      provider: draft.provider,
      model: draft.model,
      prompt_version: draft.promptVersion,
      timing_ms: draft.timingMs,
      verdict: draft.verdict,
      decision: draft.decision,
      reviewed_by: draft.reviewedBy,
      reviewed_at: draft.reviewedBy ? tx.trx.fn.now() : null,
    })
    .onConflict(['partner_id', 'workspace_id', 'message_id'])
    .ignore()
    .returning<Array<Omit<Row, 'surface'>>>('*');
  return row && toDraft({ ...row, surface: draft.surface });
}

export async function listDrafts(
  tx: Tx,
  filters: { state?: string; conversationId?: string },
  page: PageRequest,
): Promise<Page<StoredDraft>> {
  const query = drafts(tx);
  if (filters.state) query.where('d.state', filters.state);
  if (filters.conversationId) query.where('d.conversation_id', filters.conversationId);
  const result = await fetchPage<Row>(query, 'd.id', page);
  return { ...result, data: result.data.map(toDraft) };
}

/**
 * Moves a draft from `from` to `to` with the given review fields, only if it is still in `from`:
 * of two concurrent approvals exactly one changes the row. Answers whether this call did.
 */
export async function transition(
  tx: Tx,
  id: string,
  from: StoredDraft['state'],
  to: StoredDraft['state'],
  fields: {
    text?: string;
    edited?: boolean;
    reviewedBy?: string;
    rejectionReason?: string;
    sendError?: DeliveryError;
  } = {},
): Promise<boolean> {
  const changed = await tx
    .trx('drafts')
    .where({ partner_id: tx.scope.partnerId, workspace_id: tx.scope.workspaceId, id, state: from })
    .update({
      state: to,
      ...(fields.text !== undefined ? { text: fields.text } : {}),
      ...(fields.edited !== undefined ? { edited: fields.edited } : {}),
      ...(fields.reviewedBy !== undefined
        ? { reviewed_by: fields.reviewedBy, reviewed_at: tx.trx.fn.now() }
        : {}),
      ...(fields.rejectionReason !== undefined ? { rejection_reason: fields.rejectionReason } : {}),
      ...(fields.sendError !== undefined ? { send_error: fields.sendError } : {}),
      updated_at: tx.trx.fn.now(),
    });
  return changed > 0;
}

/**
 * Whether a draft of the workspace is being sent (claimed, its outcome not recorded yet): to the
 * customer of `channel` known by one of `recipientIds` when any is given, else to anyone.
 */
export async function hasSendInFlight(
  tx: Tx,
  to: { channel: string; recipientIds: readonly string[] },
): Promise<boolean> {
  const query = tx.trx('drafts as d').where({
    'd.partner_id': tx.scope.partnerId,
    'd.workspace_id': tx.scope.workspaceId,
    'd.state': 'sending',
  });
  if (to.recipientIds.length > 0) {
    query
      .join('conversations as c', function joinConversation() {
        this.on('c.id', 'd.conversation_id')
          .andOn('c.partner_id', 'd.partner_id')
          .andOn('c.workspace_id', 'd.workspace_id');
      })
      .join('contacts as k', function joinContact() {
        this.on('k.id', 'c.contact_id')
          .andOn('k.partner_id', 'c.partner_id')
          .andOn('k.workspace_id', 'c.workspace_id');
      })
      .where('c.channel', to.channel)
      .whereIn('k.provider_user_id', [...to.recipientIds]);
  }
  const row = await query.first('d.id');
  return row !== undefined;
}

/**
 * Takes an approved draft for sending: one conditional update, so of two senders exactly one gets
 * it. Counts the attempt and stamps when it started (a send left in flight is found by that).
 */
export async function claimForSending(tx: Tx, id: string): Promise<boolean> {
  const changed = await tx
    .trx('drafts')
    .where({ partner_id: tx.scope.partnerId, workspace_id: tx.scope.workspaceId, id, state: 'approved' })
    .update({
      state: 'sending',
      send_attempts: tx.trx.raw('send_attempts + 1'),
      send_started_at: tx.trx.fn.now(),
      send_error: null,
      updated_at: tx.trx.fn.now(),
    });
  return changed > 0;
}

/** Ends a send in flight: `sent` with its message, or `approved` again (retry), `expired` or `failed`. */
export async function finishSending(
  tx: Tx,
  id: string,
  to: 'sent' | 'approved' | 'expired' | 'failed',
  fields: { messageId?: string; providerMessageId?: string; error?: DeliveryError } = {},
): Promise<boolean> {
  const changed = await tx
    .trx('drafts')
    .where({ partner_id: tx.scope.partnerId, workspace_id: tx.scope.workspaceId, id, state: 'sending' })
    .update({
      state: to,
      ...(to === 'sent'
        ? {
            sent_message_id: fields.messageId,
            provider_message_id: fields.providerMessageId,
            sent_at: tx.trx.fn.now(),
          }
        : {}),
      send_error: fields.error ?? null,
      updated_at: tx.trx.fn.now(),
    });
  return changed > 0;
}

/**
 * Drafts whose send is not recorded: in flight (its answer not recorded yet), waiting for a retry
 * after Meta answered a call with an error (which Meta may have sent all the same: a 5xx), or
 * failed with the error code `failedWith` (the answer never came). `d` is the drafts table's name
 * in the query.
 */
function unrecordedSend(q: Knex.QueryBuilder, failedWith: string, d = 'drafts') {
  return q
    .where(`${d}.state`, 'sending')
    .orWhere((f) => f.where(`${d}.state`, 'approved').whereNotNull(`${d}.send_error`))
    .orWhere((f) => f.where(`${d}.state`, 'failed').whereRaw(`${d}.send_error->>'code' = ?`, [failedWith]));
}

/**
 * A send that a webhook of Meta's (a status, an echo) proves accepted: `sent` with its message,
 * if not recorded yet. Nothing else is undone. The update takes the draft's row lock first, so the
 * send's answer and webhooks recording it at once take turns.
 */
export async function markSentFromWebhook(
  tx: Tx,
  id: string,
  failedWith: string,
  fields: { messageId: string; providerMessageId: string; sentAt: Date },
): Promise<boolean> {
  const changed = await tx
    .trx('drafts')
    .where({ partner_id: tx.scope.partnerId, workspace_id: tx.scope.workspaceId, id })
    .where((q) => unrecordedSend(q, failedWith))
    .update({
      state: 'sent',
      sent_message_id: fields.messageId,
      provider_message_id: fields.providerMessageId,
      sent_at: fields.sentAt,
      send_error: null,
      updated_at: tx.trx.fn.now(),
    });
  return changed > 0;
}

/** How far from its call's start Meta's time of a DM may be for an echo to be that call's. */
const ECHO_BEFORE_START_MS = 60_000;
const ECHO_AFTER_START_MS = 120_000;

/**
 * The Instagram DM draft whose send is not recorded (in flight, or failed with the error code
 * `failedWith`) that sent exactly `text` to the customer `recipientId` from the account
 * `accountId`, its call begun close to `at` (Meta's time of the echoed message): the one an echo
 * of that message shows sent. Undefined when none, or more than one, fits (nothing to tell them
 * apart by). The thread is found by its key, the customer's Instagram id.
 */
export async function findUnrecordedDmSend(
  tx: Tx,
  echo: { accountId: string; recipientId: string; text: string; at: Date },
  failedWith: string,
): Promise<string | undefined> {
  const rows: Array<{ id: string }> = await tx
    .trx('drafts as d')
    .join('conversations as c', function joinConversation() {
      this.on('c.id', 'd.conversation_id')
        .andOn('c.partner_id', 'd.partner_id')
        .andOn('c.workspace_id', 'd.workspace_id');
    })
    .where({
      'c.partner_id': tx.scope.partnerId,
      'c.workspace_id': tx.scope.workspaceId,
      'c.surface': 'instagram_dm',
      'c.thread_key': echo.recipientId,
      'd.text': echo.text,
    })
    .where((q) => q.whereNull('c.routing_id').orWhere('c.routing_id', echo.accountId))
    .where((q) => unrecordedSend(q, failedWith, 'd'))
    .whereBetween('d.send_started_at', [
      new Date(echo.at.getTime() - ECHO_AFTER_START_MS),
      new Date(echo.at.getTime() + ECHO_BEFORE_START_MS),
    ])
    .limit(2)
    .select('d.id');
  return rows.length === 1 ? rows[0]?.id : undefined;
}

/** Waiting or approved drafts of every tenant whose window has closed (definer function). */
export async function findDraftsPastWindow(db: Knex, limit: number): Promise<DraftRef[]> {
  const result = await db.raw<{ rows: RefRow[] }>('select * from laras_drafts_past_window(?)', [limit]);
  return result.rows.map(toRef);
}

/** Approved drafts of every tenant, oldest first (definer function: ids and tenants only). */
export async function findDraftsToSend(db: Knex, limit: number): Promise<DraftRef[]> {
  const result = await db.raw<{ rows: RefRow[] }>('select * from laras_drafts_to_send(?)', [limit]);
  return result.rows.map(toRef);
}

/** Sends of every tenant still in flight since before `startedBefore`: their worker stopped. */
export async function findStuckSends(db: Knex, startedBefore: Date, limit: number): Promise<DraftRef[]> {
  const result = await db.raw<{ rows: RefRow[] }>('select * from laras_drafts_stuck_sending(?, ?)', [
    startedBefore,
    limit,
  ]);
  return result.rows.map(toRef);
}

type RefRow = { draft_id: string; partner_id: string; workspace_id: string };
export type DraftRef = { draftId: string; scope: WorkspaceScope };
const toRef = (row: RefRow): DraftRef => ({
  draftId: row.draft_id,
  scope: { partnerId: row.partner_id, workspaceId: row.workspace_id },
});

/**
 * Locks the draft sent as the workspace's outbound message with this id of Meta's, if any: a failed
 * status takes it before the message, in the order an erasure takes them (draft, then message).
 */
export async function lockDraftOfSentMessage(
  tx: Tx,
  channel: string,
  providerMessageId: string,
): Promise<void> {
  await tx.trx.raw(
    `select d.id
       from messages m
       join drafts d on d.partner_id = m.partner_id and d.workspace_id = m.workspace_id
                    and d.sent_message_id = m.id
      where m.partner_id = ? and m.workspace_id = ? and m.channel = ? and m.provider_message_id = ?
        and m.direction = 'outbound'
      for update of d`,
    [tx.scope.partnerId, tx.scope.workspaceId, channel, providerMessageId],
  );
}

/**
 * Meta accepted a send, then reported it failed (a `failed` status webhook): the draft that made
 * the message becomes `expired` (the window had closed, 131047) or `failed`. Answers its id.
 */
export async function markDeliveryFailed(
  tx: Tx,
  sentMessageId: string,
  error: DeliveryError,
): Promise<string | undefined> {
  const [row] = await tx
    .trx('drafts')
    .where({
      partner_id: tx.scope.partnerId,
      workspace_id: tx.scope.workspaceId,
      sent_message_id: sentMessageId,
      state: 'sent',
    })
    .update({
      state: error.code === 131047 ? 'expired' : 'failed',
      send_error: error,
      updated_at: tx.trx.fn.now(),
    })
    .returning<Array<{ id: string }>>('id');
  return row?.id;
}

/**
 * Customer messages of every tenant that should have a draft and have none: replyable, the latest
 * of their thread, inside the window, stored before `createdBefore` (definer function).
 */
export async function findMessagesAwaitingDraft(
  db: Knex,
  createdBefore: Date,
  types: string[],
  limit: number,
): Promise<Array<{ messageId: string; scope: WorkspaceScope }>> {
  const result = await db.raw<{
    rows: Array<{ message_id: string; partner_id: string; workspace_id: string }>;
  }>('select * from laras_messages_awaiting_draft(?, ?::text[], ?)', [createdBefore, types, limit]);
  return result.rows.map((r) => ({
    messageId: r.message_id,
    scope: { partnerId: r.partner_id, workspaceId: r.workspace_id },
  }));
}

/** Waiting drafts of every tenant not yet warned about, whose window closes before `closesBefore`. */
export async function findDraftsWindowExpiring(
  db: Knex,
  closesBefore: Date,
  limit: number,
): Promise<DraftRef[]> {
  const result = await db.raw<{ rows: RefRow[] }>('select * from laras_drafts_window_expiring(?, ?)', [
    closesBefore,
    limit,
  ]);
  return result.rows.map(toRef);
}

/** Notes that the partner was warned about this draft's window; answers whether this call did. */
export async function markWindowWarned(tx: Tx, id: string): Promise<boolean> {
  const changed = await tx
    .trx('drafts')
    .where({ partner_id: tx.scope.partnerId, workspace_id: tx.scope.workspaceId, id })
    .whereNull('window_warned_at')
    .update({ window_warned_at: tx.trx.fn.now() });
  return changed > 0;
}

/** The reasons of a verdict or a decision with their details blanked (they may quote the text). */
const blankDetails = (column: 'verdict' | 'decision') =>
  `jsonb_set(d.${column}, '{reasons}', coalesce((
     select jsonb_agg(r || '{"detail": ""}'::jsonb order by n)
       from jsonb_array_elements(d.${column} -> 'reasons') with ordinality as e(r, n)), '[]'::jsonb))`;

/**
 * Erasing customer data (Meta's data deletion for a channel, or one customer's): the drafts of the
 * target's threads lose their text and what may quote it (the classifier's and the rules'
 * details, a reviewer's reasons); a draft still waiting or cleared to send can no longer be sent
 * and becomes `expired`. A step of a channel's erasure takes at most `page.limit` drafts after
 * `page.after`, in id order. Answers the drafts erased, with the state each was in.
 */
export async function eraseDrafts(
  tx: Tx,
  target: { channel: 'whatsapp' | 'instagram' } | { contactId: string },
  page?: { after: string; limit: number },
): Promise<Array<{ id: string; conversationId: string; messageId: string; was: StoredDraft['state'] }>> {
  // One customer's: the drafts answering their messages (by sender; a message stored before senders
  // were kept, by its thread's contact).
  const [condition, values] =
    'channel' in target
      ? ['c.channel = ?', [target.channel]]
      : [
          '(m.contact_id = ? or (m.contact_id is null and c.contact_id = ?))',
          [target.contactId, target.contactId],
        ];
  const result = await tx.trx.raw<{
    rows: Array<{ id: string; conversation_id: string; message_id: string; was: StoredDraft['state'] }>;
  }>(
    `with target as (
       select d.id, d.state
         from drafts d
         join conversations c on c.id = d.conversation_id and c.partner_id = d.partner_id
                             and c.workspace_id = d.workspace_id
         join messages m on m.id = d.message_id and m.partner_id = d.partner_id
                        and m.workspace_id = d.workspace_id
        where d.partner_id = ? and d.workspace_id = ? and ${condition}
          and (d.text <> '' or d.state in ('pending_approval', 'approved'))
          ${page ? 'and d.id > ? order by d.id limit ?' : ''}
        for update of d
     )
     update drafts d
        set text = '',
            needs_human_reason = null,
            rejection_reason = null,
            verdict = ${blankDetails('verdict')},
            decision = ${blankDetails('decision')},
            state = case when t.state in ('pending_approval', 'approved') then 'expired' else d.state end,
            updated_at = now()
       from target t
      where d.id = t.id and d.partner_id = ? and d.workspace_id = ?
     returning d.id, d.conversation_id, d.message_id, t.state as was`,
    [
      tx.scope.partnerId,
      tx.scope.workspaceId,
      ...values,
      ...(page ? [page.after, page.limit] : []),
      tx.scope.partnerId,
      tx.scope.workspaceId,
    ],
  );
  return result.rows.map((row) => ({
    id: row.id,
    conversationId: row.conversation_id,
    messageId: row.message_id,
    was: row.was,
  }));
}
