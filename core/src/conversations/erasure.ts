/**
 * Erasing customer data, inside a tenant transaction the caller opens: what customers wrote
 * (message text and details), who they are (names, and Meta's ids, which become `erased:…`) and
 * every draft's text (a reply quotes and answers it); a draft not sent yet can no longer be sent
 * and is expired. The records themselves stay, so threads and the evidence chain still add up.
 *
 * One customer's erasure is small and runs whole (`eraseWhole`). Meta's data deletion of a channel
 * may reach a business's every message, so it runs in bounded steps (`eraseChannelStep`), each its
 * own transaction: the contacts, then the drafts, then the threads with their messages, each in id
 * order from where the last step stopped; passes repeat until one changes nothing, which also
 * catches a row stored behind a step while it ran. `recordChannelErased` then tells the partner.
 */
import type { TenantTx, WorkspaceScope } from '../db/index.ts';
import * as drafts from '../drafts/repository.ts';
import { appendEvent } from '../events/index.ts';
import { appendEvidenceBatch } from '../evidence/index.ts';
import * as repo from './repository.ts';

type Tx = TenantTx<WorkspaceScope>;
type Channel = 'whatsapp' | 'instagram';
export type Erased = { messagesErased: number; draftsErased: number };
type Reason = 'meta_data_deletion' | 'erasure_request';

/** Evidence that the drafts an erasure emptied while they waited to be sent are expired. */
function expiredRecords(
  erased: Awaited<ReturnType<typeof drafts.eraseDrafts>>,
  actor: string,
  reason: Reason,
) {
  return erased
    .filter((d) => d.was === 'pending_approval' || d.was === 'approved')
    .map((d) => ({
      type: 'draft.expired' as const,
      conversationId: d.conversationId,
      messageId: d.messageId,
      draftId: d.id,
      actor,
      data: { was: d.was, reason },
    }));
}

/** The evidence record and the partner's `workspace.data_deleted` event of an erasure. */
async function announce(
  tx: Tx,
  event: { channel: Channel; actor: string; reason: Reason; contactId?: string },
  erased: Erased,
  before: ReturnType<typeof expiredRecords> = [],
) {
  const data = {
    channel: event.channel,
    reason: event.reason,
    ...(event.contactId ? { contact_id: event.contactId } : {}),
    messages_erased: erased.messagesErased,
    drafts_erased: erased.draftsErased,
  };
  await appendEvidenceBatch(tx, [
    ...before,
    { type: 'workspace.data_deleted' as const, actor: event.actor, data },
  ]);
  await appendEvent(tx, 'workspace.data_deleted', data);
}

/**
 * Erases one customer's data in the caller's transaction and tells the partner in it. Rows are
 * taken in the order every other writer takes them (contact, draft, thread, message), so none waits
 * on another in a cycle: the contacts first (a message or a draft being stored for them is waited
 * for), then the drafts (a send recording its reply is waited for), the threads, and the messages
 * last, so whatever those stored is erased too; a reply recorded later finds its draft's text erased.
 */
export async function eraseWhole(
  tx: Tx,
  target: { contactId: string },
  event: { channel: Channel; actor: string },
): Promise<Erased> {
  await repo.eraseContacts(tx, target);
  const erasedDrafts = await drafts.eraseDrafts(tx, target);
  await repo.eraseThreads(tx, target);
  const messagesErased = await repo.eraseMessages(tx, target);
  const erased = { messagesErased, draftsErased: erasedDrafts.length };
  const reason = 'erasure_request';
  await announce(
    tx,
    { ...event, reason, contactId: target.contactId },
    erased,
    expiredRecords(erasedDrafts, event.actor, reason),
  );
  return erased;
}

export type ChannelErasurePhase = 'contacts' | 'drafts' | 'threads';
const PHASES: readonly ChannelErasurePhase[] = ['contacts', 'drafts', 'threads'];

/** Where a channel's erasure stands: the rows its next step takes, and whether this pass changed any. */
export type ChannelErasureCursor = { phase: ChannelErasurePhase; after: string; passChanged: boolean };

export const CHANNEL_ERASURE_START: ChannelErasureCursor = {
  phase: 'contacts',
  after: '',
  passChanged: false,
};

/**
 * One step of Meta's data deletion of a channel: at most `limit` contacts, or drafts, or threads
 * (with all their messages), after the cursor. Answers what it erased and the cursor of the next
 * step, or `next: undefined` once a whole pass changed nothing. Expired drafts get their evidence
 * in the step's transaction.
 */
export async function eraseChannelStep(
  tx: Tx,
  channel: Channel,
  cursor: ChannelErasureCursor,
  limit: number,
): Promise<Erased & { next: ChannelErasureCursor | undefined }> {
  const page = { after: cursor.after, limit };
  let taken: string[];
  let changed: number;
  let erased: Erased = { messagesErased: 0, draftsErased: 0 };
  if (cursor.phase === 'contacts') {
    taken = await repo.eraseContacts(tx, { channel }, page);
    changed = taken.length;
  } else if (cursor.phase === 'drafts') {
    const erasedDrafts = await drafts.eraseDrafts(tx, { channel }, page);
    taken = erasedDrafts.map((d) => d.id);
    changed = taken.length;
    erased = { messagesErased: 0, draftsErased: taken.length };
    const records = expiredRecords(erasedDrafts, 'meta', 'meta_data_deletion');
    if (records.length > 0) await appendEvidenceBatch(tx, records);
  } else {
    taken = await repo.channelThreads(tx, channel, page);
    const target = { channel, conversationIds: taken };
    const threads = taken.length > 0 ? await repo.eraseThreads(tx, target) : 0;
    const messagesErased = taken.length > 0 ? await repo.eraseMessages(tx, target) : 0;
    changed = threads + messagesErased;
    erased = { messagesErased, draftsErased: 0 };
  }
  const passChanged = cursor.passChanged || changed > 0;
  // A full step: this phase goes on after its last row. Else the next phase, or the next pass.
  if (taken.length >= limit) {
    // (Ids are ASCII and compared bytewise, as PostgreSQL orders them under collation "C".)
    const after = [...taken].sort().at(-1) ?? cursor.after;
    return { ...erased, next: { phase: cursor.phase, after, passChanged } };
  }
  const following = PHASES[PHASES.indexOf(cursor.phase) + 1];
  if (following) return { ...erased, next: { phase: following, after: '', passChanged } };
  return { ...erased, next: passChanged ? CHANNEL_ERASURE_START : undefined };
}

/** Tells the partner (and the evidence chain) that Meta's data deletion of the channel is done. */
export async function recordChannelErased(tx: Tx, channel: Channel, erased: Erased): Promise<void> {
  await announce(tx, { channel, actor: 'meta', reason: 'meta_data_deletion' }, erased);
}
