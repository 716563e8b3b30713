import type { TenantTx, WorkspaceScope } from '../db/index.ts';
import type { BusinessDocument } from './types.ts';

type Row = { workspace_id: string; document: BusinessDocument; updated_at: Date };

export async function findBusinessContext(
  tx: TenantTx<WorkspaceScope>,
): Promise<{ document: BusinessDocument; updatedAt: Date } | undefined> {
  const row: Row | undefined = await tx
    .trx('business_contexts')
    .select('workspace_id', 'document', 'updated_at')
    .where({ partner_id: tx.scope.partnerId, workspace_id: tx.scope.workspaceId })
    .first();
  return row ? { document: row.document, updatedAt: row.updated_at } : undefined;
}

export async function upsertBusinessContext(
  tx: TenantTx<WorkspaceScope>,
  document: BusinessDocument,
): Promise<{ document: BusinessDocument; updatedAt: Date }> {
  const [row] = (await tx
    .trx('business_contexts')
    .insert({
      workspace_id: tx.scope.workspaceId,
      partner_id: tx.scope.partnerId,
      document: JSON.stringify(document),
      updated_at: tx.trx.fn.now(),
    })
    .onConflict('workspace_id')
    .merge(['document', 'updated_at'])
    .returning(['document', 'updated_at'])) as Array<Pick<Row, 'document' | 'updated_at'>>;
  if (!row) throw new Error('upsert returned no row');
  return { document: row.document, updatedAt: row.updated_at };
}
