import type { Knex } from 'knex';
import { type TenantTx, type WorkspaceScope, withTenant } from '../db/index.ts';
import { newId } from '../ids.ts';
import { requireWorkspace } from '../workspaces/service.ts';
import type { Workspace } from '../workspaces/types.ts';
import * as repo from './repository.ts';
import type { BusinessContext, BusinessContextInput, BusinessDocument } from './types.ts';

type Deps = { db: Knex };

function fromStored(workspaceId: string, stored: repo.StoredBusinessContext): BusinessContext {
  return { ...stored.document, workspaceId, updatedAt: stored.updatedAt, revision: stored.revision };
}

/** The context of a workspace; one that never had one set gets an empty context named after it. */
export function getBusinessContext(deps: Deps, scope: WorkspaceScope): Promise<BusinessContext> {
  return withTenant(deps.db, scope, async (tx) => {
    const workspace = await requireWorkspace(tx, scope.workspaceId);
    return businessContextOf(tx, async () => workspace);
  });
}

/**
 * `getBusinessContext` inside a caller's transaction, for a workspace the caller knows is there.
 * `workspace` is read only when no context was ever set (its name names the empty one).
 */
export async function businessContextOf(
  tx: TenantTx<WorkspaceScope>,
  workspace: () => Promise<Workspace>,
): Promise<BusinessContext> {
  const stored = await repo.findBusinessContext(tx);
  if (stored) return fromStored(tx.scope.workspaceId, stored);
  const { name } = await workspace();
  return {
    workspaceId: tx.scope.workspaceId,
    business: { name, description: '', tone: '', languages: ['en'] },
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
    return fromStored(scope.workspaceId, stored);
  });
}
