import type { Knex } from 'knex';
import { queueUnsubscribes } from '../connections/unsubscribes.ts';
import { type Page, type PartnerScope, type TenantTx, withTenant } from '../db/index.ts';
import { notFound } from '../errors/index.ts';
import { appendPartnerEvent } from '../events/index.ts';
import { newId } from '../ids.ts';
import * as repo from './repository.ts';
import type { CreateWorkspaceInput, ListWorkspacesQuery, UpdateWorkspaceInput, Workspace } from './types.ts';

type Deps = { db: Knex };

/** The workspace, or a 404 when this partner has none with that id (whoever else might). */
export async function requireWorkspace(tx: TenantTx, id: string): Promise<Workspace> {
  const workspace = await repo.findWorkspace(tx, id);
  if (!workspace) throw notFound('workspace');
  return workspace;
}

export function createWorkspace(
  deps: Deps,
  scope: PartnerScope,
  input: CreateWorkspaceInput,
): Promise<Workspace> {
  return withTenant(deps.db, scope, async (tx) => {
    const workspace = await repo.insertWorkspace(tx, {
      id: newId('workspace'),
      name: input.name,
      externalId: input.external_id ?? null,
      metadata: input.metadata ?? {},
    });
    await appendPartnerEvent(tx, workspace.id, 'workspace.created', {
      name: workspace.name,
      external_id: workspace.externalId,
    });
    return workspace;
  });
}

export function getWorkspace(deps: Deps, scope: PartnerScope, id: string): Promise<Workspace> {
  return withTenant(deps.db, scope, (tx) => requireWorkspace(tx, id));
}

export function listWorkspaces(
  deps: Deps,
  scope: PartnerScope,
  query: ListWorkspacesQuery,
): Promise<Page<Workspace>> {
  return withTenant(deps.db, scope, (tx) =>
    repo.listWorkspaces(tx, { externalId: query.external_id }, { limit: query.limit, cursor: query.cursor }),
  );
}

export function updateWorkspace(
  deps: Deps,
  scope: PartnerScope,
  id: string,
  input: UpdateWorkspaceInput,
): Promise<Workspace> {
  return withTenant(deps.db, scope, async (tx) => {
    const updated = await repo.updateWorkspace(tx, id, {
      name: input.name,
      externalId: input.external_id,
      metadata: input.metadata,
    });
    if (!updated) throw notFound('workspace');
    return updated;
  });
}

/**
 * Deletes the workspace with everything it holds. Its live connections' accounts are queued to be
 * unsubscribed at Meta first, in the same transaction (the queue outlives the workspace).
 */
export function deleteWorkspace(deps: Deps, scope: PartnerScope, id: string): Promise<void> {
  return withTenant(deps.db, scope, async (tx) => {
    await queueUnsubscribes(tx, id);
    if (!(await repo.deleteWorkspace(tx, id))) throw notFound('workspace');
  });
}
