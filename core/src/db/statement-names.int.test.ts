import { testConfig } from '@laras/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.ts';
import { translateDatabaseError } from './errors.ts';
import { createKnex, type Knex } from './knex.ts';
import { isStalePreparedStatement, StatementNames } from './statement-names.ts';

const config = testConfig();
const table = `prepared_test_${process.pid}`;
// One connection each, so every statement of a test runs in the same PostgreSQL session.
const opened: Knex[] = [];
function oneConnection(preparedStatementLimit?: number): Knex {
  const db = createKnex({
    url: config.database.ownerUrl,
    poolMax: 1,
    applicationName: 'prepared-test',
    ...(preparedStatementLimit === undefined ? {} : { preparedStatementLimit }),
  });
  opened.push(db);
  return db;
}
const ddl = oneConnection(0);

beforeAll(async () => {
  await ddl.raw(`create table ${table} (id int primary key, a text not null)`);
  await ddl(table).insert([
    { id: 1, a: 'one' },
    { id: 2, a: 'two' },
  ]);
});
afterAll(async () => {
  await ddl.raw(`drop table if exists ${table}`);
  await Promise.all(opened.map((db) => db.destroy()));
});

/** The statements this session has prepared through the client (no parameters, so itself unnamed). */
async function prepared(db: Knex): Promise<Array<{ name: string; statement: string }>> {
  const result = await db.raw<{ rows: Array<{ name: string; statement: string }> }>(
    "select name, statement from pg_prepared_statements where name like 'lrs%' order by prepare_time",
  );
  return result.rows;
}

describe('prepared statements', () => {
  it('prepares a parameterised statement once per connection and reuses it', async () => {
    const db = oneConnection();
    const answers = [];
    for (const id of [1, 2, 1]) answers.push(await db(table).where({ id }).first('a'));
    expect(answers).toEqual([{ a: 'one' }, { a: 'two' }, { a: 'one' }]);
    const statements = await prepared(db);
    expect(statements).toHaveLength(1);
    expect(statements[0]?.statement).toBe(`select "a" from "${table}" where "id" = $1 limit $2`);
    expect(statements[0]?.name).toMatch(/^lrs0_[\w-]{27}$/);
  });

  it('gives the same text the same name on every connection', async () => {
    const [first, second] = [oneConnection(), oneConnection()];
    await first(table).where({ id: 1 }).select('id');
    await second(table).where({ id: 2 }).select('id');
    expect((await prepared(first)).map((s) => s.name)).toEqual((await prepared(second)).map((s) => s.name));
  });

  it('prepares at most the limit per connection and runs the other texts unnamed', async () => {
    const db = oneConnection(2);
    const columns = ['id', 'a', 'id as x', 'a as y'];
    for (const round of [1, 2]) {
      for (const column of columns) {
        expect(await db(table).where({ id: round }).select(column)).toHaveLength(1);
      }
    }
    expect((await prepared(db)).map((s) => s.statement)).toEqual([
      `select "id" from "${table}" where "id" = $1`,
      `select "a" from "${table}" where "id" = $1`,
    ]);
  });

  it('refuses a limit that is not a non-negative integer', () => {
    expect(() => new StatementNames(-1)).toThrow(RangeError);
    expect(() => new StatementNames(1.5)).toThrow(RangeError);
  });

  it('prepares nothing with a limit of 0', async () => {
    const db = oneConnection(0);
    expect(await db(table).where({ id: 2 }).first('a')).toEqual({ a: 'two' });
    expect(await prepared(db)).toEqual([]);
  });

  it('prepares afresh when a table changes under a prepared select *', async () => {
    const db = oneConnection();
    const row = () => db(table).where({ id: 1 }).first();
    expect(await row()).toEqual({ id: 1, a: 'one' });

    // Outside a transaction the refused statement is prepared again and answers at once.
    await ddl.raw(`alter table ${table} add column b text not null default 'b'`);
    expect(await row()).toEqual({ id: 1, a: 'one', b: 'b' });
    expect((await prepared(db)).map((s) => s.name.split('_')[0])).toEqual(['lrs0', 'lrs1']);

    // Inside one the transaction has failed: the caller is told to try again, and the next try works.
    await ddl.raw(`alter table ${table} add column c text not null default 'c'`);
    const failed = await db
      .transaction((trx) => trx(table).where({ id: 2 }).first())
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(isStalePreparedStatement(failed)).toBe(true);
    const translated = translateDatabaseError(failed);
    expect(translated).toBeInstanceOf(AppError);
    expect((translated as AppError).code).toBe('service_unavailable');
    expect(await db.transaction((trx) => trx(table).where({ id: 2 }).first())).toEqual({
      id: 2,
      a: 'two',
      b: 'b',
      c: 'c',
    });
  });
});
