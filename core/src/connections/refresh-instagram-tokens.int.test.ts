import { createKnex } from '@laras/core';
import { createPartner } from '@laras/core/operator';
import { testConfig } from '@laras/testkit';
import { afterAll, expect, it } from 'vitest';
import { newId } from '../ids.ts';
import type { InstagramClient } from '../meta/index.ts';
import { MetaApiError } from '../meta/index.ts';
import { open, parseKeyRing } from '../vault/index.ts';
import { refreshInstagramTokens } from './refresh-instagram-tokens.ts';
import { storeConnection } from './service.ts';
import { tokenOwner } from './types.ts';

const config = testConfig();
const ownerDb = createKnex({ url: config.database.ownerUrl, poolMax: 2, applicationName: 'refresh-test' });
const appDb = createKnex({ url: config.database.appUrl, poolMax: 2, applicationName: 'refresh-test' });
const vault = parseKeyRing(config.encryptionKeys);
afterAll(() => Promise.all([ownerDb.destroy(), appDb.destroy()]));

/** A stand-in for Meta's Instagram API: each token refreshes, is refused, or Meta is down. */
function fakeInstagram(behaviour: Record<string, 'ok' | 'revoked' | 'down'>): InstagramClient {
  const refresh = async (token: string) => {
    const mode = behaviour[token];
    if (mode === 'revoked') throw new MetaApiError('refresh', 400, 190, 463, 'trace', 'Session has expired');
    if (mode === 'down') throw new MetaApiError('refresh', 500, 2, undefined, 'trace', 'Please retry');
    return { token: `${token}-refreshed`, expiresAt: new Date(Date.now() + 60 * 86_400_000) };
  };
  return { refresh } as unknown as InstagramClient;
}

async function dueConnection(token: string) {
  const { partnerId } = await createPartner(ownerDb, { name: 'Refresh' });
  const workspaceId = newId('workspace');
  await ownerDb('workspaces').insert({ id: workspaceId, partner_id: partnerId, name: 'R' });
  const stored = await storeConnection(
    { db: appDb, vault },
    { partnerId, workspaceId },
    {
      channel: 'instagram',
      accountId: `acct-${token}`,
      username: token,
      accountType: 'BUSINESS',
      token,
      tokenExpiresAt: new Date(Date.now() + 3 * 86_400_000),
    },
  );
  await ownerDb('connections')
    .where({ id: stored.id })
    .update({ connected_at: new Date(Date.now() - 2 * 86_400_000) });
  return stored.id;
}

it('refreshes due tokens, marks refused ones needs_reconnect, and leaves transient failures for later', async () => {
  const suffix = Date.now();
  const ok = await dueConnection(`ok-${suffix}`);
  const revoked = await dueConnection(`revoked-${suffix}`);
  const down = await dueConnection(`down-${suffix}`);
  const outcome = await refreshInstagramTokens({
    db: appDb,
    vault,
    instagram: fakeInstagram({
      [`ok-${suffix}`]: 'ok',
      [`revoked-${suffix}`]: 'revoked',
      [`down-${suffix}`]: 'down',
    }),
  });
  expect(outcome.refreshed).toContain(ok);
  expect(outcome.needsReconnect).toContain(revoked);
  expect(outcome.failed).toContain(down);

  const rows = await ownerDb('connections').whereIn('id', [ok, revoked, down]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const okRow = byId.get(ok);
  expect(open(vault, okRow.token_ciphertext, tokenOwner(ok))).toBe(`ok-${suffix}-refreshed`);
  expect(okRow.token_expires_at.getTime()).toBeGreaterThan(Date.now() + 50 * 86_400_000);
  expect(okRow.token_refreshed_at).toBeInstanceOf(Date);
  expect(byId.get(revoked).status).toBe('needs_reconnect');
  expect(byId.get(down)).toMatchObject({ status: 'active', token_refreshed_at: null });

  // Only the refused one tells the partner; the event is queued with the status change.
  const events = await ownerDb('events')
    .whereIn('workspace_id', [byId.get(ok).workspace_id, byId.get(revoked).workspace_id])
    .where({ type: 'connection.needs_reconnect' })
    .select('data');
  expect(events.map((e) => e.data)).toEqual([
    { connection_id: revoked, channel: 'instagram', reason: 'token_refresh_refused' },
  ]);
});

it('does not refresh a token less than a day old', async () => {
  const token = `fresh-${Date.now()}`;
  const id = await dueConnection(token);
  await ownerDb('connections').where({ id }).update({ connected_at: new Date() });
  const outcome = await refreshInstagramTokens({
    db: appDb,
    vault,
    instagram: fakeInstagram({ [token]: 'ok' }),
  });
  expect(outcome.refreshed).not.toContain(id);
});
