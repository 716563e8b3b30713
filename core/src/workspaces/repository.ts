import { fetchPage, type Page, type PageRequest, type TenantTx } from '../db/index.ts';
import type { Metadata } from '../validation/index.ts';
import type { Workspace } from './types.ts';

type WorkspaceRow = {
  id: string;
  partner_id: string;
  name: string;
  external_id: string | null;
  metadata: Metadata;
  created_at: Date;
  updated_at: Date;
};

const COLUMNS = ['id', 'partner_id', 'name', 'external_id', 'metadata', 'created_at', 'updated_at'];

function toWorkspace(row: WorkspaceRow): Workspace {
  return {
    id: row.id,
    partnerId: row.partner_id,
    name: row.name,
    externalId: row.external_id,
    metadata: row.metadata,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertWorkspace(
  tx: TenantTx,
  values: { id: string; name: string; externalId: string | null; metadata: Metadata },
): Promise<Workspace> {
  const [row] = await tx
    .trx<WorkspaceRow>('workspaces')
    .insert({
      id: values.id,
      partner_id: tx.scope.partnerId,
      name: values.name,
      external_id: values.externalId,
      metadata: values.metadata,
    })
    .returning(COLUMNS);
  return toWorkspace(row as WorkspaceRow);
}

export async function findWorkspace(tx: TenantTx, id: string): Promise<Workspace | undefined> {
  const row: WorkspaceRow | undefined = await tx
    .trx('workspaces')
    .select(COLUMNS)
    .where({ partner_id: tx.scope.partnerId, id })
    .first();
  return row ? toWorkspace(row) : undefined;
}

export async function listWorkspaces(
  tx: TenantTx,
  filter: { externalId?: string | undefined },
  page: PageRequest,
): Promise<Page<Workspace>> {
  const query = tx.trx('workspaces').select(COLUMNS).where({ partner_id: tx.scope.partnerId });
  if (filter.externalId !== undefined) query.where({ external_id: filter.externalId });
  const result = await fetchPage<WorkspaceRow>(query, 'id', page);
  return { ...result, data: result.data.map(toWorkspace) };
}

export async function updateWorkspace(
  tx: TenantTx,
  id: string,
  changes: { name?: string; externalId?: string | null; metadata?: Metadata },
): Promise<Workspace | undefined> {
  const patch: Partial<WorkspaceRow> = {};
  if (changes.name !== undefined) patch.name = changes.name;
  if (changes.externalId !== undefined) patch.external_id = changes.externalId;
  if (changes.metadata !== undefined) patch.metadata = changes.metadata;
  const [row] = await tx
    .trx<WorkspaceRow>('workspaces')
    .where({ partner_id: tx.scope.partnerId, id })
    .update({ ...patch, updated_at: tx.trx.fn.now() as unknown as Date })
    .returning(COLUMNS);
  return row ? toWorkspace(row as WorkspaceRow) : undefined;
}

export async function deleteWorkspace(tx: TenantTx, id: string): Promise<boolean> {
  const count = await tx.trx('workspaces').where({ partner_id: tx.scope.partnerId, id }).delete();
  return count > 0;
}
