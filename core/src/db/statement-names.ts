/**
 * Names for knex's parameterised statements, so PostgreSQL prepares each once per connection.
 *
 * An unnamed statement is parsed, analysed and planned every time it runs; a named one only the
 * first time on a connection, then bound and executed. The app sends the same few hundred
 * statement texts over and over (a drafted reply is ~50 of them), and on a 2-core machine that
 * repeated planning was about a third of PostgreSQL's CPU in the reply pipeline.
 *
 * A name is derived from the statement's text, so the same text gets the same name on every
 * connection. Two limits keep this safe:
 * - at most `limit` names per connection (texts that vary without bound, say an `in (…)` list of
 *   any length, would otherwise fill the server's memory with prepared statements); past it, new
 *   texts run unnamed as before;
 * - when a table's columns change under a prepared `select *` or `returning *`, PostgreSQL refuses
 *   to run it again ("cached plan must not change result type"). `forget` starts a new generation
 *   of names for that connection, so its statements are prepared afresh from then on.
 */
import { createHash } from 'node:crypto';

/** The names a connection has handed out (by statement text), and under which generation. */
type ConnectionNames = { generation: number; names: Map<string, string> };

export const DEFAULT_PREPARED_STATEMENT_LIMIT = 256;

export class StatementNames {
  readonly #byConnection = new WeakMap<object, ConnectionNames>();

  constructor(readonly limit: number = DEFAULT_PREPARED_STATEMENT_LIMIT) {
    if (!Number.isInteger(limit) || limit < 0) throw new RangeError('limit must be a non-negative integer');
  }

  /** The name to prepare `sql` under on `connection`, or undefined to run it unnamed. */
  nameFor(connection: object, sql: string): string | undefined {
    let state = this.#byConnection.get(connection);
    if (!state) {
      state = { generation: 0, names: new Map() };
      this.#byConnection.set(connection, state);
    }
    const known = state.names.get(sql);
    if (known !== undefined || state.names.size >= this.limit) return known;
    // Hashed once per text and connection, not on every run.
    const name = `lrs${state.generation}_${createHash('sha1').update(sql).digest('base64url')}`;
    state.names.set(sql, name);
    return name;
  }

  /** Stops using the connection's current names: its statements are prepared again, under new ones. */
  forget(connection: object): void {
    const state = this.#byConnection.get(connection);
    if (!state) return;
    state.generation += 1;
    state.names.clear();
  }
}

/** True for PostgreSQL's refusal to run a prepared statement whose result columns have changed. */
export function isStalePreparedStatement(error: unknown): boolean {
  const pgError = error as { code?: unknown; routine?: unknown } | null;
  return pgError?.code === '0A000' && pgError.routine === 'RevalidateCachedQuery';
}
