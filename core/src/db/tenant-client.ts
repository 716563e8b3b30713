/**
 * knex's PostgreSQL client, with three changes:
 * - a tenant transaction starts in one round trip. knex sends `BEGIN;` on its own, and
 *   `withTenant` then set the tenant with a second statement; every tenant transaction (every API
 *   request, several per drafted reply) paid that extra round trip. Here `BEGIN` and the tenant
 *   settings go to PostgreSQL as one simple-protocol query. The ids are sent as escaped literals
 *   (the simple protocol has no parameters);
 * - on a pipelined connection (`pipeline: true`, node-postgres's pipelining), that query is not
 *   even waited for: the transaction's first statement goes out right behind it, in the same write
 *   (below), so a tenant transaction costs one round trip less again. Statements issued together
 *   (`Promise.all` in a transaction) likewise share one write and one round trip;
 * - parameterised statements are named, so each is prepared once per connection
 *   (`statement-names.ts`).
 *
 * knex has no public hook for how a transaction begins, so this extends its PostgreSQL client and
 * transaction classes (loaded from knex's own files). `withTenant` only asks for this when the knex
 * instance was made with this client, and falls back to the separate statement otherwise, so a
 * plain knex instance stays correct.
 */
import { createRequire } from 'node:module';
import pg from 'pg';
import { isStalePreparedStatement, StatementNames } from './statement-names.ts';

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
/** What knex hands its client's `_query`: the SQL, its bindings, and options passed on to `pg`. */
type QueryObject = { sql: string; bindings?: unknown[]; options?: Record<string, unknown> };
type ClientClass = new (
  config: unknown,
) => {
  transaction(container: unknown, config: unknown, outerTx: unknown): unknown;
  _query(connection: unknown, obj: QueryObject): Promise<unknown>;
};

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
    if (!this.tenant) return super.begin(conn);
    const begun = this.query(conn, beginForTenant(this.tenant));
    if (!isPipelined(conn)) return begun;
    // Pipelined: PostgreSQL runs what follows after this, in order, so the transaction's statements
    // need not wait for its answer. Should it fail, knex's `query` has already rejected the
    // transaction, and the statements behind it fail in the aborted transaction.
    begun.catch(() => {});
    return Promise.resolve();
  }
}

/**
 * The knex config key of the statement names a knex instance uses (`createKnex` sets it). It lives
 * in the config because knex runs a transaction's queries on a copy of the client made from its
 * prototype and config, without the instance's own fields.
 */
export const STATEMENT_NAMES_KEY = 'larasStatementNames';

type PgConnection = {
  getTransactionStatus?: () => string | null;
  pipeline?: boolean;
  connection?: { stream?: { cork?: () => void; uncork?: () => void } };
};

function isPipelined(conn: unknown): boolean {
  return (conn as PgConnection | undefined)?.pipeline === true;
}

/** Streams corked until the current tick's statements are all written. */
const corked = new WeakSet<object>();

/**
 * Holds a pipelined connection's writes until the end of the current tick, so that statements
 * issued together (a transaction's `BEGIN` and its first statement, a `Promise.all`) leave in one
 * write: each write is a send, and a wake-up of PostgreSQL, of its own. node-postgres corks each
 * statement's own messages; this corks around several.
 */
function corkUntilNextTick(connection: PgConnection): void {
  const stream = connection.connection?.stream;
  if (!connection.pipeline || !stream?.cork || !stream.uncork || corked.has(stream)) return;
  stream.cork();
  corked.add(stream);
  process.nextTick(() => {
    corked.delete(stream);
    stream.uncork?.();
  });
}

/** A connection's last statement, on connections that are not pipelined. */
const inFlight = new WeakMap<object, Promise<void>>();

/** For an instance made without `createKnex`: the default limit. */
const defaultNames = new StatementNames();

/**
 * Pass as knex's `client`: PostgreSQL, with tenant transactions begun in one round trip and
 * parameterised statements prepared once per connection.
 */
export class TenantPgClient extends PgClient {
  declare readonly config: Record<string, unknown> | undefined;

  private get statementNames(): StatementNames {
    const names = this.config?.[STATEMENT_NAMES_KEY];
    return names instanceof StatementNames ? names : defaultNames;
  }

  override transaction(container: unknown, config: unknown, outerTx: unknown): unknown {
    return new TenantTransaction(this, container, config, outerTx);
  }

  override _query(connection: PgConnection, obj: QueryObject): Promise<unknown> {
    if (isPipelined(connection)) {
      corkUntilNextTick(connection);
      return this.runNamed(connection, obj);
    }
    // Not pipelined: statements issued together wait here for the one ahead (node-postgres's own
    // queue for a busy connection is deprecated).
    const ahead = inFlight.get(connection);
    const run = ahead ? ahead.then(() => this.runNamed(connection, obj)) : this.runNamed(connection, obj);
    const settled = run.then(
      () => {},
      () => {},
    );
    inFlight.set(connection, settled);
    void settled.then(() => {
      if (inFlight.get(connection) === settled) inFlight.delete(connection);
    });
    return run;
  }

  private async runNamed(connection: PgConnection, obj: QueryObject): Promise<unknown> {
    // Statements without parameters (BEGIN, COMMIT, the tenant's begin) use the simple protocol.
    if (!obj.bindings?.length || obj.options?.name !== undefined) return super._query(connection, obj);
    const name = this.statementNames.nameFor(connection, obj.sql);
    if (name) obj.options = { ...obj.options, name };
    try {
      return await super._query(connection, obj);
    } catch (error) {
      if (!name || !isStalePreparedStatement(error)) throw error;
      // A table's columns changed under this prepared statement. The connection's statements are
      // prepared afresh from now on; outside a transaction this one can be run again at once,
      // inside one the transaction has failed and its caller sees the error.
      this.statementNames.forget(connection);
      if (connection.getTransactionStatus?.() !== 'I') throw error;
      const fresh = this.statementNames.nameFor(connection, obj.sql);
      obj.options = { ...obj.options, name: fresh };
      return super._query(connection, obj);
    }
  }
}
