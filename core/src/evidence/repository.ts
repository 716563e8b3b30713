import type { TenantTx, WorkspaceScope } from '../db/index.ts';
import { GENESIS_HASH, recordHash } from './hash.ts';
import type { EvidenceBody, EvidenceRecord, NewEvidence } from './types.ts';

type Tx = TenantTx<WorkspaceScope>;
type Row = Omit<EvidenceRecord, 'seq' | 'created_at'> & { seq: string | number; created_at: Date };

const own = (tx: Tx) => ({ partner_id: tx.scope.partnerId, workspace_id: tx.scope.workspaceId });

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
    created_at: row.created_at.toISOString(),
    prev_hash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Appends one record after the workspace's head. A transaction-scoped advisory lock per workspace
 * serialises appends, so sequence numbers never collide and every record links to its predecessor.
 */
export async function appendRecord(tx: Tx, evidence: NewEvidence): Promise<EvidenceRecord> {
  await tx.trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
    `evidence:${tx.scope.workspaceId}`,
  ]);
  const head = (await tx
    .trx('evidence_records')
    .where(own(tx))
    .orderBy('seq', 'desc')
    .first('seq', 'hash')) as { seq: string; hash: string } | undefined;
  const body: EvidenceBody = {
    seq: head ? Number(head.seq) + 1 : 1,
    type: evidence.type,
    workspace_id: tx.scope.workspaceId,
    conversation_id: evidence.conversationId ?? null,
    message_id: evidence.messageId ?? null,
    draft_id: evidence.draftId ?? null,
    provider_message_id: evidence.providerMessageId ?? null,
    content_sha256: evidence.contentSha256 ?? null,
    actor: evidence.actor,
    data: evidence.data ?? {},
    created_at: new Date().toISOString(),
  };
  const prevHash = head?.hash ?? GENESIS_HASH;
  const record: EvidenceRecord = { ...body, prev_hash: prevHash, hash: recordHash(prevHash, body) };
  await tx
    .trx('evidence_records')
    .insert({ ...record, partner_id: tx.scope.partnerId, created_at: body.created_at });
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
  const rows = (await query.orderBy('seq', 'asc').limit(page.limit).select('*')) as Row[];
  return rows.map(toRecord);
}
