import type { Knex } from 'knex';
import { type TenantTx, type WorkspaceScope, withTenant } from '../db/index.ts';
import { newId } from '../ids.ts';
import { requireWorkspace } from '../workspaces/service.ts';
import type { Workspace } from '../workspaces/types.ts';
import * as repo from './repository.ts';
import type { BusinessContext, BusinessContextInput, BusinessDocument } from './types.ts';

type Deps = { db: Knex };

/** The context of a workspace; one that never had one set gets an empty context named after it. */
export function getBusinessContext(deps: Deps, scope: WorkspaceScope): Promise<BusinessContext> {
  return withTenant(deps.db, scope, async (tx) =>
    businessContextOf(tx, await requireWorkspace(tx, scope.workspaceId)),
  );
}

/** `getBusinessContext` inside a caller's transaction, for a workspace it has already read. */
export async function businessContextOf(
  tx: TenantTx<WorkspaceScope>,
  workspace: Workspace,
): Promise<BusinessContext> {
  const stored = await repo.findBusinessContext(tx);
  if (stored) return { ...stored.document, workspaceId: workspace.id, updatedAt: stored.updatedAt };
  return {
    workspaceId: workspace.id,
    business: { name: workspace.name, description: '', tone: '', languages: ['en'] },
    catalog: [],
    policies: [],
    faqs: [],
    updatedAt: null,
  };
}

/** Replaces the whole context; policies without an id get one. */
export function replaceBusinessContext(
  deps: Deps,
  scope: WorkspaceScope,
  input: BusinessContextInput,
): Promise<BusinessContext> {
  const document: BusinessDocument = {
    business: input.business,
    catalog: input.catalog,
    policies: input.policies.map((policy) => ({ ...policy, id: policy.id ?? newId('policy') })),
    faqs: input.faqs,
  };
  return withTenant(deps.db, scope, async (tx) => {
    await requireWorkspace(tx, scope.workspaceId);
    const stored = await repo.upsertBusinessContext(tx, document);
    return { ...stored.document, workspaceId: scope.workspaceId, updatedAt: stored.updatedAt };
  });
}
