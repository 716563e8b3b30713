import type { TenantTx, WorkspaceScope } from '../db/index.ts';
import type { BusinessDocument } from './types.ts';

type Row = { workspace_id: string; document: BusinessDocument; updated_at: Date; revision: number };

/** A stored context; `revision` is new on every write (see migration 0027). */
export type StoredBusinessContext = { document: BusinessDocument; updatedAt: Date; revision: number };

const toStored = (row: Pick<Row, 'document' | 'updated_at' | 'revision'>): StoredBusinessContext => ({
  document: row.document,
  updatedAt: row.updated_at,
  revision: row.revision,
});

export async function findBusinessContext(
  tx: TenantTx<WorkspaceScope>,
): Promise<StoredBusinessContext | undefined> {
  const row: Row | undefined = await tx
    .trx('business_contexts')
    .select('workspace_id', 'document', 'updated_at', 'revision')
    .where({ partner_id: tx.scope.partnerId, workspace_id: tx.scope.workspaceId })
    .first();
  return row ? toStored(row) : undefined;
}

export async function upsertBusinessContext(
  tx: TenantTx<WorkspaceScope>,
  document: BusinessDocument,
): Promise<StoredBusinessContext> {
  const [row] = (await tx
    .trx('business_contexts')
    // A new row takes its revision from the column's default (the sequence); a changed document
    // takes a new one from the table's trigger (migration 0032), as any other write of it does.
    .insert({
      workspace_id: tx.scope.workspaceId,
      partner_id: tx.scope.partnerId,
      document: JSON.stringify(document),
      updated_at: tx.trx.fn.now(),
    })
    .onConflict('workspace_id')
    .merge(['document', 'updated_at'])
    .returning(['document', 'updated_at', 'revision'])) as Array<
    Pick<Row, 'document' | 'updated_at' | 'revision'>
  >;
  if (!row) throw new Error('upsert returned no row');
  return toStored(row);
}
