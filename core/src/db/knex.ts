import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { StatementNames } from './statement-names.ts';
import { STATEMENT_NAMES_KEY, TenantPgClient } from './tenant-client.ts';

export type { Knex };

// Return bigint counts and numerics as JS numbers where they fit our columns; timestamps stay Dates.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number.parseFloat(value));

type DatabaseOptions = {
  url: string;
  poolMax: number;
  applicationName: string;
  /** How many statements one connection may prepare (`statement-names.ts`); 0 prepares none. */
  preparedStatementLimit?: number;
  /**
   * node-postgres's pipelining (default on): a statement may be sent before the one ahead of it is
   * answered, so a tenant transaction's `BEGIN` and first statement share a round trip.
   */
  pipeline?: boolean;
};

/**
 * A knex instance for PostgreSQL, whose tenant transactions begin without a round trip of their
 * own and whose parameterised statements are prepared once per connection (`tenant-client.ts`).
 * Callers own it and must `destroy()` it on shutdown.
 */
export function createKnex(options: DatabaseOptions): Knex {
  // Read by the client (and its transactions' copies) from the config knex hands it.
  const statementNames = { [STATEMENT_NAMES_KEY]: new StatementNames(options.preparedStatementLimit) };
  // Handed to `pg.Client` as it is; knex's types do not know node-postgres's `pipeline`.
  const connection: Knex.PgConnectionConfig & { pipeline: boolean } = {
    connectionString: options.url,
    application_name: options.applicationName,
    connectionTimeoutMillis: 5_000,
    statement_timeout: 15_000,
    pipeline: options.pipeline ?? true,
  };
  return knexFactory({
    client: TenantPgClient as unknown as typeof Knex.Client,
    ...statementNames,
    connection,
    pool: { min: 0, max: options.poolMax, acquireTimeoutMillis: 10_000 },
    acquireConnectionTimeout: 10_000,
    // knex would print connection errors to the console; they reach callers as exceptions instead.
    log: { warn() {}, error() {}, debug() {}, deprecate() {} },
  });
}

/** True when PostgreSQL answers a trivial query. */
export async function pingDatabase(db: Knex): Promise<boolean> {
  try {
    await db.raw('select 1');
    return true;
  } catch {
    return false;
  }
}
