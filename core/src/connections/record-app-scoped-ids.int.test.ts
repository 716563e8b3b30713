import { createHash } from 'node:crypto';
import { createKnex } from '@laras/core';
import { createPartner } from '@laras/core/operator';
import { testConfig } from '@laras/testkit';
import { afterAll, expect, it } from 'vitest';
import { newId } from '../ids.ts';
import type { InstagramAccount, InstagramClient } from '../meta/index.ts';
import { MetaApiError } from '../meta/index.ts';
import { parseKeyRing } from '../vault/index.ts';
import { recordInstagramAppScopedIds } from './record-app-scoped-ids.ts';
import { disconnectConnection, storeConnection } from './service.ts';

const config = testConfig();
const ownerDb = createKnex({ url: config.database.ownerUrl, poolMax: 2, applicationName: 'app-scoped-test' });
const appDb = createKnex({ url: config.database.appUrl, poolMax: 2, applicationName: 'app-scoped-test' });
const vault = parseKeyRing(config.encryptionKeys);
afterAll(() => Promise.all([ownerDb.destroy(), appDb.destroy()]));

const sha256 = (id: string) => createHash('sha256').update(id, 'utf8').digest('hex');

/** Meta's `/me` for the tokens given; any other token (other tests' connections) is refused. */
function fakeInstagram(answers: Record<string, InstagramAccount | 'down'>): Pick<InstagramClient, 'me'> {
  return {
    me: async (token) => {
      const answer = answers[token];
      if (answer === 'down')
        throw new MetaApiError('read instagram account', 500, 2, undefined, 't', 'Retry');
      if (!answer)
        throw new MetaApiError('read instagram account', 400, 190, 463, 't', 'Session has expired');
      return answer;
    },
  };
}

/** A live Instagram connection stored as before 0028: no app-scoped id. */
async function olderConnection(token: string, accountId: string) {
  const { partnerId } = await createPartner(ownerDb, { name: 'App-scoped' });
  const scope = { partnerId, workspaceId: newId('workspace') };
  await ownerDb('workspaces').insert({ id: scope.workspaceId, partner_id: partnerId, name: 'A' });
  const stored = await storeConnection({ db: appDb, vault }, scope, {
    channel: 'instagram',
    accountId,
    username: token,
    accountType: 'BUSINESS',
    token,
    tokenExpiresAt: new Date(Date.now() + 30 * 86_400_000),
  });
  return { id: stored.id, scope };
}

const hashOf = async (id: string) =>
  (await ownerDb('connections').where({ id }).first()).ig_app_scoped_sha256 as string | null;

it('keeps the app-scoped id /me answers for the same account, and nothing otherwise', async () => {
  const run = Date.now();
  const account = (n: number) => `17841400${run}${n}`;
  const answered = await olderConnection(`tok-a-${run}`, account(1));
  const otherAccount = await olderConnection(`tok-b-${run}`, account(2));
  const noId = await olderConnection(`tok-c-${run}`, account(3));
  const down = await olderConnection(`tok-d-${run}`, account(4));
  const gone = await olderConnection(`tok-e-${run}`, account(5));
  await disconnectConnection({ db: appDb }, gone.scope, gone.id);

  const me = (n: number, appScopedId: string | null): InstagramAccount => ({
    accountId: account(n),
    appScopedId,
    username: 'kopi',
    accountType: 'BUSINESS',
  });
  const instagram = fakeInstagram({
    [`tok-a-${run}`]: me(1, `asid-${run}-1`),
    // `/me` names another account than the connection routes by: never trusted.
    [`tok-b-${run}`]: me(9, `asid-${run}-2`),
    [`tok-c-${run}`]: me(3, null),
    [`tok-d-${run}`]: 'down',
    [`tok-e-${run}`]: me(5, `asid-${run}-5`),
  });
  const outcome = await recordInstagramAppScopedIds({ db: appDb, vault, instagram }, { limit: 10_000 });

  expect(outcome.recorded).toContain(answered.id);
  expect(outcome.unanswered).toEqual(expect.arrayContaining([otherAccount.id, noId.id]));
  expect(outcome.failed).toContain(down.id);
  expect([...outcome.recorded, ...outcome.unanswered, ...outcome.failed]).not.toContain(gone.id);
  expect(await hashOf(answered.id)).toBe(sha256(`asid-${run}-1`));
  for (const { id } of [otherAccount, noId, down, gone]) expect(await hashOf(id)).toBeNull();

  // A recorded connection is not asked again; the others are, on the next run.
  const again = await recordInstagramAppScopedIds({ db: appDb, vault, instagram }, { limit: 10_000 });
  expect([...again.recorded, ...again.unanswered, ...again.failed]).not.toContain(answered.id);
  expect(again.failed).toContain(down.id);
});
