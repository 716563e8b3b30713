import type { TenantTx, WorkspaceScope } from '../db/index.ts';
import { GENESIS_HASH, recordHash } from './hash.ts';
import type { EvidenceBody, EvidenceRecord, NewEvidence } from './types.ts';

type Tx = TenantTx<WorkspaceScope>;
type Row = Omit<EvidenceRecord, 'seq'> & { seq: string | number };

const own = (tx: Tx) => ({ partner_id: tx.scope.partnerId, workspace_id: tx.scope.workspaceId });

/** A record's columns, but `partner_id` (not part of a record) and `created_at` (below). */
const COLUMNS = [
  'seq',
  'type',
  'workspace_id',
  'conversation_id',
  'message_id',
  'draft_id',
  'provider_message_id',
  'content_sha256',
  'actor',
  'data',
  'prev_hash',
  'hash',
] as const;

/**
 * `created_at` as the string the hash covers (`Date#toISOString`: UTC, milliseconds, `Z`), formatted
 * by PostgreSQL: parsing it into a Date and formatting it back was among the API's largest costs
 * per record. `to_char` truncates microseconds as that round trip did, so the strings are the same.
 */
const CREATED_AT = `to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at`;

function toRecord(row: Row): EvidenceRecord {
  return {
    seq: Number(row.seq),
    type: row.type,
    workspace_id: row.workspace_id,
    conversation_id: row.conversation_id,
    message_id: row.message_id,
    draft_id: row.draft_id,
    provider_message_id: row.provider_message_id,
    content_sha256: row.content_sha256,
    actor: row.actor,
    data: row.data,
    created_at: row.created_at,
    prev_hash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Appends records after the workspace's head, in the order given: one call that takes the
 * workspace's lock and then reads its head (`laras_evidence_head`), then one insert. The lock is
 * transaction-scoped and serialises appends per workspace, so sequence numbers never collide and
 * every record links to its predecessor; callers append last in their transaction, so the lock is
 * held only until the commit that follows.
 */
export async function appendRecords(tx: Tx, items: readonly NewEvidence[]): Promise<EvidenceRecord[]> {
  if (items.length === 0) return [];
  const { rows } = await tx.trx.raw<{ rows: Array<{ seq: string; hash: string }> }>(
    'select seq, hash from laras_evidence_head(?, ?)',
    [tx.scope.partnerId, tx.scope.workspaceId],
  );
  const head = rows[0];
  const createdAt = new Date().toISOString();
  let seq = head ? Number(head.seq) : 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const records = items.map((item): EvidenceRecord => {
    seq += 1;
    const body: EvidenceBody = {
      seq,
      type: item.type,
      workspace_id: tx.scope.workspaceId,
      conversation_id: item.conversationId ?? null,
      message_id: item.messageId ?? null,
      draft_id: item.draftId ?? null,
      provider_message_id: item.providerMessageId ?? null,
      content_sha256: item.contentSha256 ?? null,
      actor: item.actor,
      data: item.data ?? {},
      created_at: createdAt,
    };
    const record = { ...body, prev_hash: prevHash, hash: recordHash(prevHash, body) };
    prevHash = record.hash;
    return record;
  });
  await tx
    .trx('evidence_records')
    .insert(records.map((record) => ({ ...record, partner_id: tx.scope.partnerId })));
  return records;
}

/** Appends one record after the workspace's head (see `appendRecords`). */
export async function appendRecord(tx: Tx, evidence: NewEvidence): Promise<EvidenceRecord> {
  const [record] = await appendRecords(tx, [evidence]);
  if (!record) throw new Error('evidence record not appended');
  return record;
}

/** Records in chain order after `afterSeq`, optionally only those about one conversation or message. */
export async function listRecords(
  tx: Tx,
  filters: { conversationId?: string; messageId?: string },
  page: { limit: number; afterSeq: number },
): Promise<EvidenceRecord[]> {
  const query = tx.trx('evidence_records').where(own(tx)).where('seq', '>', page.afterSeq);
  if (filters.conversationId) query.where('conversation_id', filters.conversationId);
  if (filters.messageId) query.where('message_id', filters.messageId);
  const rows = (await query
    .orderBy('seq', 'asc')
    .limit(page.limit)
    .select([...COLUMNS, tx.trx.raw(CREATED_AT)])) as Row[];
  return rows.map(toRecord);
}
