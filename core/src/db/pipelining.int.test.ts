import { testConfig } from '@laras/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnex, type Knex } from './knex.ts';
import { withTenant } from './tenant.ts';

const config = testConfig();
const table = `pipelining_test_${process.pid}`;
const scope = { partnerId: 'ptn_pipelining', workspaceId: 'ws_pipelining' };
const opened: Knex[] = [];

/** One connection, so every statement of a test goes over the same socket. */
function oneConnection(pipeline: boolean): Knex {
  const db = createKnex({
    url: config.database.ownerUrl,
    poolMax: 1,
    applicationName: 'pipelining-test',
    pipeline,
  });
  opened.push(db);
  return db;
}

type Socket = { _write: (...args: unknown[]) => unknown; _writev?: (...args: unknown[]) => unknown };

type PgClient = {
  connection: { stream: Socket };
  readyForQuery: boolean;
  query: (...args: unknown[]) => unknown;
};

/** The one connection's node-postgres client. */
async function clientOf(db: Knex): Promise<PgClient> {
  const client = (await db.client.acquireConnection()) as PgClient;
  db.client.releaseConnection(client);
  return client;
}

/**
 * Counts the writes that reach the connection's socket from here on (each one a send to
 * PostgreSQL: several messages written while corked leave as one).
 */
async function countWrites(db: Knex): Promise<{ readonly count: number }> {
  const socket = (await clientOf(db)).connection.stream;
  const counter = { count: 0 };
  const write = socket._write.bind(socket);
  socket._write = (...args) => {
    counter.count += 1;
    return write(...args);
  };
  const writev = socket._writev?.bind(socket);
  if (writev) {
    socket._writev = (...args) => {
      counter.count += 1;
      return writev(...args);
    };
  }
  return counter;
}

const tenantSetting = (tx: { trx: Knex.Transaction }, name: string) =>
  tx.trx
    .raw<{ rows: Array<{ value: string }> }>('select current_setting(?) as value', [name])
    .then((result) => result.rows[0]?.value);

beforeAll(async () => {
  await oneConnection(false).raw(`create table ${table} (id int primary key)`);
});
afterAll(async () => {
  await opened[0]?.raw(`drop table if exists ${table}`);
  await Promise.all(opened.map((db) => db.destroy()));
});

describe('pipelined connections', () => {
  // Pipelined: BEGIN with the tenant's settings and the select in one write, COMMIT in another.
  // Not pipelined: BEGIN is waited for, one write more.
  it.each([
    { pipeline: true, writes: 2 },
    { pipeline: false, writes: 3 },
  ])(
    "send a tenant transaction's BEGIN, which its first statement sees, in $writes writes (pipeline: $pipeline)",
    async ({ pipeline, writes }) => {
      const db = oneConnection(pipeline);
      const counted = await countWrites(db);
      const partner = await withTenant(db, scope, (tx) => tenantSetting(tx, 'app.partner_id'));
      expect(partner).toBe(scope.partnerId);
      expect(counted.count).toBe(writes);
    },
  );

  it('send statements issued together in one write, each answered with its own result', async () => {
    const db = oneConnection(true);
    await db.raw('select 1'); // connected before counting
    const writes = await countWrites(db);
    const answers = await withTenant(db, scope, (tx) =>
      Promise.all([
        tenantSetting(tx, 'app.workspace_id'),
        tx.trx.raw<{ rows: Array<{ n: number }> }>('select ?::int * 2 as n', [21]).then((r) => r.rows[0]?.n),
        tenantSetting(tx, 'app.partner_id'),
      ]),
    );
    expect(answers).toEqual([scope.workspaceId, 42, scope.partnerId]);
    expect(writes.count).toBe(2);
  });

  it('without pipelining, run statements issued together one after another, each with its answer', async () => {
    const db = oneConnection(false);
    const client = await clientOf(db);
    // node-postgres queues a statement given to a busy connection, but that is deprecated.
    let givenWhileBusy = 0;
    const query = client.query.bind(client);
    client.query = (...args) => {
      if (!client.readyForQuery) givenWhileBusy += 1;
      return query(...args);
    };
    const answers = await withTenant(db, scope, (tx) =>
      Promise.all([tenantSetting(tx, 'app.workspace_id'), tenantSetting(tx, 'app.partner_id')]),
    );
    expect(answers).toEqual([scope.workspaceId, scope.partnerId]);
    expect(givenWhileBusy).toBe(0);
  });

  it('fail the whole transaction when one of the statements sent together fails, and stay usable', async () => {
    const db = oneConnection(true);
    const attempt = withTenant(db, scope, (tx) =>
      Promise.all([
        tx.trx(table).insert({ id: 1 }),
        tx.trx.raw('select 1 / (? - 1) as boom', [1]),
        tx.trx(table).insert({ id: 2 }),
      ]),
    );
    await expect(attempt).rejects.toThrow(/division by zero/);
    expect(await db(table).count<Array<{ count: number }>>({ count: '*' })).toEqual([{ count: 0 }]);
    // The same connection goes on: a later transaction commits.
    await withTenant(db, scope, (tx) => tx.trx(table).insert({ id: 3 }));
    expect(await db(table).pluck('id')).toEqual([3]);
  });
});
