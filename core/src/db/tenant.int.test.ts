import { createPartner } from '@laras/core/operator';
import { testConfig } from '@laras/testkit';
import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../ids.ts';
import { createKnex } from './knex.ts';
import { withTenant } from './tenant.ts';
import { beginForTenant } from './tenant-client.ts';

const config = testConfig();
const ownerDb = createKnex({ url: config.database.ownerUrl, poolMax: 2, applicationName: 'tenant-test' });
const appDb = createKnex({ url: config.database.appUrl, poolMax: 2, applicationName: 'tenant-test' });
// A knex instance made without our client: `withTenant` must still set the tenant on it.
const plainDb = knexFactory({ client: 'pg', connection: config.database.appUrl, pool: { min: 0, max: 2 } });
afterAll(() => Promise.all([ownerDb.destroy(), appDb.destroy(), plainDb.destroy()]));

let scope: { partnerId: string; workspaceId: string };
let other: { partnerId: string; workspaceId: string };

async function newWorkspace() {
  const { partnerId } = await createPartner(ownerDb, { name: 'Tenant Agency' });
  const workspaceId = newId('workspace');
  await ownerDb('workspaces').insert({ id: workspaceId, partner_id: partnerId, name: 'Kopi Kita' });
  return { partnerId, workspaceId };
}

beforeAll(async () => {
  scope = await newWorkspace();
  other = await newWorkspace();
});

/** The SQL each statement of `run` sent, in order. */
async function statementsOf(db: typeof appDb, run: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const onQuery = (query: { sql: string }) => sent.push(query.sql);
  db.on('query', onQuery);
  try {
    await run();
  } finally {
    db.off('query', onQuery);
  }
  return sent;
}

const settings = (tx: { trx: Knex.Transaction }) =>
  tx.trx
    .raw<{ rows: Array<{ partner: string; workspace: string }> }>(
      "select current_setting('app.partner_id', true) as partner, current_setting('app.workspace_id', true) as workspace",
    )
    .then((result) => result.rows[0]);

describe('withTenant', () => {
  it('begins the transaction and sets the tenant in one statement, then runs the callback', async () => {
    const sent = await statementsOf(appDb, () =>
      withTenant(appDb, scope, async (tx) => {
        expect(await settings(tx)).toEqual({ partner: scope.partnerId, workspace: scope.workspaceId });
        expect(await tx.trx('workspaces').pluck('id')).toEqual([scope.workspaceId]);
      }),
    );
    expect(sent).toEqual([
      beginForTenant(scope),
      expect.stringContaining('current_setting'),
      expect.any(String),
      'COMMIT;',
    ]);
  });

  it('sets a partner-wide scope with an empty workspace', async () => {
    const names = await withTenant(appDb, { partnerId: other.partnerId }, async (tx) => ({
      ...(await settings(tx)),
      workspaces: await tx.trx('workspaces').pluck('id'),
    }));
    expect(names).toEqual({ partner: other.partnerId, workspace: '', workspaces: [other.workspaceId] });
  });

  it('leaves nothing behind on the pooled connection once the transaction ends', async () => {
    const oneConnection = createKnex({
      url: config.database.appUrl,
      poolMax: 1,
      applicationName: 'tenant-test',
    });
    try {
      await withTenant(oneConnection, scope, async () => undefined);
      const after = await oneConnection.raw(
        "select coalesce(current_setting('app.partner_id', true), '') as p",
      );
      expect(after.rows[0].p).toBe('');
      expect(await oneConnection('workspaces').pluck('id')).toEqual([]);
    } finally {
      await oneConnection.destroy();
    }
  });

  it('sends an id with quotes as a literal, never as SQL', async () => {
    const hostile = { partnerId: "x', true); drop table workspaces; --", workspaceId: "w'\\" };
    const seen = await withTenant(appDb, hostile, async (tx) => ({
      ...(await settings(tx)),
      workspaces: await tx.trx('workspaces').pluck('id'),
    }));
    expect(seen).toEqual({ partner: hostile.partnerId, workspace: hostile.workspaceId, workspaces: [] });
    expect(await ownerDb('workspaces').where({ id: scope.workspaceId }).pluck('id')).toEqual([
      scope.workspaceId,
    ]);
  });

  it('refuses an id holding NUL as not found, before sending anything', async () => {
    for (const bad of [
      { ...scope, workspaceId: `${scope.workspaceId}\u0000` },
      { ...scope, partnerId: `${scope.partnerId}\u0000` },
    ]) {
      const sent = await statementsOf(appDb, () =>
        expect(withTenant(appDb, bad, async () => 'ran')).rejects.toMatchObject({ code: 'not_found' }),
      );
      expect(sent).toEqual([]);
    }
  });

  it('answers a write whose workspace was deleted meanwhile as not found, not a driver error', async () => {
    const gone = await newWorkspace();
    await ownerDb('workspaces').where({ id: gone.workspaceId }).delete();
    // What a request that checked the workspace just before another request deleted it then writes.
    const write = withTenant(appDb, gone, (tx) =>
      tx.trx('review_rules').insert({ partner_id: gone.partnerId, workspace_id: gone.workspaceId }),
    );
    await expect(write).rejects.toMatchObject({ code: 'not_found', message: 'No such workspace.' });
  });

  it('rolls back what the callback wrote when it throws', async () => {
    const name = `renamed ${newId('workspace')}`;
    await expect(
      withTenant(appDb, scope, async (tx) => {
        await tx.trx('workspaces').where({ id: scope.workspaceId }).update({ name });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await ownerDb('workspaces').where({ id: scope.workspaceId }).first('name')).toEqual({
      name: 'Kopi Kita',
    });
  });

  it('sets the tenant with a statement of its own on a knex instance made without our client', async () => {
    const sent = await statementsOf(plainDb, () =>
      withTenant(plainDb, scope, async (tx) => {
        expect(await settings(tx)).toEqual({ partner: scope.partnerId, workspace: scope.workspaceId });
      }),
    );
    expect(sent[0]).toBe('BEGIN;');
    expect(sent[1]).toContain("set_config('app.partner_id'");
  });
});
