/**
 * Tenant isolation in the database. Every tenant query runs inside `withTenant`, which opens a
 * transaction and sets `app.partner_id` (and `app.workspace_id`) for it only, so row-level security
 * shows that tenant's rows and nothing else. Repositories take the `TenantTx` it hands out, which
 * carries the scope they also filter by: a repository cannot run outside a tenant transaction.
 */
import type { Knex } from 'knex';
import { currentContext } from '../context.ts';
import { notFound } from '../errors/index.ts';
import { hasNul } from '../validation/nul.ts';
import { translateDatabaseError } from './errors.ts';
import { SET_TENANT_SQL, TENANT_CONFIG_KEY, TenantPgClient } from './tenant-client.ts';

/** The partner a request acts for. */
export type PartnerScope = { readonly partnerId: string };
/** A partner narrowed to one of its workspaces. */
export type WorkspaceScope = PartnerScope & { readonly workspaceId: string };

declare const tenantTxBrand: unique symbol;

/** A transaction bound to a tenant; only `withTenant` makes one. */
export type TenantTx<S extends PartnerScope = PartnerScope> = {
  readonly trx: Knex.Transaction;
  readonly scope: S;
  readonly [tenantTxBrand]: true;
};

/** Runs `fn` in one transaction with the tenant set; database errors are translated to AppErrors. */
export async function withTenant<S extends PartnerScope, T>(
  db: Knex,
  scope: S,
  fn: (tx: TenantTx<S>) => Promise<T>,
): Promise<T> {
  const workspaceId =
    'workspaceId' in scope && typeof scope.workspaceId === 'string' ? scope.workspaceId : '';
  // No tenant's id holds NUL, and PostgreSQL would refuse the BEGIN that sets it: on a pipelined
  // connection the statements sent behind that BEGIN would then run outside any transaction.
  if (hasNul(scope.partnerId)) throw notFound('partner');
  if (hasNul(workspaceId)) throw notFound('workspace');
  const context = currentContext();
  if (context) {
    context.partnerId = scope.partnerId;
    if (workspaceId) context.workspaceId = workspaceId;
  }
  const tenant = { partnerId: scope.partnerId, workspaceId };
  // Our own client sets the tenant as the transaction begins; any other sets it first thing.
  const setAtBegin = db.client instanceof TenantPgClient;
  try {
    return await db.transaction(
      async (trx) => {
        if (!setAtBegin) await trx.raw(SET_TENANT_SQL, [tenant.partnerId, tenant.workspaceId]);
        return fn({ trx, scope } as TenantTx<S>);
      },
      // knex passes its transaction config to the client's transaction class as given.
      (setAtBegin ? { [TENANT_CONFIG_KEY]: tenant } : undefined) as Knex.TransactionConfig | undefined,
    );
  } catch (error) {
    throw translateDatabaseError(error);
  }
}
