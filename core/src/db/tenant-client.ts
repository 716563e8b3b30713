/**
 * knex's PostgreSQL client, with one change: a tenant transaction starts in one round trip. knex
 * sends `BEGIN;` on its own, and `withTenant` then set the tenant with a second statement; every
 * tenant transaction (every API request, several per drafted reply) paid that extra round trip.
 * Here `BEGIN` and the tenant settings go to PostgreSQL as one simple-protocol query. The ids are
 * sent as escaped literals (the simple protocol has no parameters).
 *
 * knex has no public hook for how a transaction begins, so this extends its PostgreSQL client and
 * transaction classes (loaded from knex's own files). `withTenant` only asks for this when the knex
 * instance was made with this client, and falls back to the separate statement otherwise, so a
 * plain knex instance stays correct.
 */
import { createRequire } from 'node:module';
import pg from 'pg';

const require = createRequire(import.meta.url);

/** The transaction config key under which `withTenant` hands the tenant to the transaction. */
export const TENANT_CONFIG_KEY = 'larasTenant';

export type TenantSettings = { partnerId: string; workspaceId: string };

/** The statement that makes a transaction the tenant's (also run on its own by the fallback). */
export const SET_TENANT_SQL =
  "select set_config('app.partner_id', ?, true), set_config('app.workspace_id', ?, true)";

/** `BEGIN` followed by the tenant settings, as one simple-protocol query. */
export function beginForTenant(tenant: TenantSettings): string {
  const partner = pg.escapeLiteral(tenant.partnerId);
  const workspace = pg.escapeLiteral(tenant.workspaceId);
  return `BEGIN; select set_config('app.partner_id', ${partner}, true), set_config('app.workspace_id', ${workspace}, true)`;
}

type Connection = unknown;
type TransactionBase = {
  outerTx: unknown;
  begin(conn: Connection): Promise<unknown>;
  query(conn: Connection, sql: string): Promise<unknown>;
};
type TransactionClass = new (...args: unknown[]) => TransactionBase;
type ClientClass = new (
  config: unknown,
) => { transaction(container: unknown, config: unknown, outerTx: unknown): unknown };

const PgClient = require('knex/lib/dialects/postgres/index.js') as ClientClass;
const PgTransaction = require('knex/lib/dialects/postgres/execution/pg-transaction.js') as TransactionClass;

function tenantOf(config: unknown): TenantSettings | undefined {
  const tenant = (config as Record<string, Partial<TenantSettings> | undefined> | undefined)?.[
    TENANT_CONFIG_KEY
  ];
  return typeof tenant?.partnerId === 'string' && typeof tenant.workspaceId === 'string'
    ? { partnerId: tenant.partnerId, workspaceId: tenant.workspaceId }
    : undefined;
}

class TenantTransaction extends PgTransaction {
  // knex's constructor only schedules the transaction, so this is set before `begin` runs.
  private readonly tenant: TenantSettings | undefined;

  constructor(client: unknown, container: unknown, config: unknown, outerTx: unknown) {
    super(client, container, config, outerTx);
    this.tenant = outerTx ? undefined : tenantOf(config);
  }

  override begin(conn: Connection): Promise<unknown> {
    return this.tenant ? this.query(conn, beginForTenant(this.tenant)) : super.begin(conn);
  }
}

/** Pass as knex's `client`: PostgreSQL, with tenant transactions begun in one round trip. */
export class TenantPgClient extends PgClient {
  override transaction(container: unknown, config: unknown, outerTx: unknown): unknown {
    return new TenantTransaction(this, container, config, outerTx);
  }
}
