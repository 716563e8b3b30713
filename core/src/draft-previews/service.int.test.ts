import { createKnex } from '@laras/core';
import { createPartner } from '@laras/core/operator';
import { testConfig } from '@laras/testkit';
import { afterAll, beforeEach, expect, it } from 'vitest';
import {
  type BusinessContextInput,
  businessContextOf,
  getBusinessContext,
  replaceBusinessContext,
} from '../business-context/index.ts';
import { upsertBusinessContext } from '../business-context/repository.ts';
import { type WorkspaceScope, withTenant } from '../db/index.ts';
import { prepareIndex } from '../drafting/search-index.ts';
import { newId } from '../ids.ts';
import { requireWorkspace } from '../workspaces/service.ts';
import { previewDraft } from './service.ts';

const config = testConfig();
const ownerDb = createKnex({ url: config.database.ownerUrl, poolMax: 2, applicationName: 'preview-test' });
const appDb = createKnex({ url: config.database.appUrl, poolMax: 4, applicationName: 'preview-test' });
afterAll(() => Promise.all([ownerDb.destroy(), appDb.destroy()]));

async function newWorkspace(): Promise<WorkspaceScope> {
  const { partnerId } = await createPartner(ownerDb, { name: 'Preview Agency' });
  const workspaceId = newId('workspace');
  await ownerDb('workspaces').insert({ id: workspaceId, partner_id: partnerId, name: 'Kopi Kita' });
  return { partnerId, workspaceId };
}

let scope: WorkspaceScope;
beforeEach(async () => {
  scope = await newWorkspace();
});

const shop = (sku: string, name: string): BusinessContextInput => ({
  business: { name: 'Kopi Kita', description: 'Coffee roastery', tone: 'warm', languages: ['id'] },
  catalog: [
    { sku, name, description: 'Arabica', price: { amount: 12_500_000, currency: 'IDR' }, available: true },
  ],
  policies: [],
  faqs: [],
});
const gayo = shop('GAYO-250', 'Kopi Gayo 250g');
const kintamani = shop('KINTAMANI-250', 'Kopi Kintamani 250g');

const cited = async (workspace: WorkspaceScope, text: string) => {
  const { draft } = await previewDraft({ db: appDb }, workspace, { text, channel: 'whatsapp' });
  return draft.citations.map((citation) => citation.id);
};

it('reuses one index for every read of a context revision, and answers a replaced context from it', async () => {
  const first = await replaceBusinessContext({ db: appDb }, scope, gayo);
  const [one, two] = await Promise.all([
    getBusinessContext({ db: appDb }, scope),
    getBusinessContext({ db: appDb }, scope),
  ]);
  expect(one.revision).toBe(first.revision);
  expect(one).not.toBe(two);
  expect(await prepareIndex(two)).toBe(await prepareIndex(one));
  expect(await cited(scope, 'berapa harga kopi gayo?')).toEqual(['GAYO-250']);

  const second = await replaceBusinessContext({ db: appDb }, scope, kintamani);
  expect(second.revision).toBeGreaterThan(first.revision ?? Number.POSITIVE_INFINITY);
  expect(await prepareIndex(await getBusinessContext({ db: appDb }, scope))).not.toBe(
    await prepareIndex(one),
  );
  expect(await cited(scope, 'berapa harga kopi kintamani?')).toEqual(['KINTAMANI-250']);
  expect(await cited(scope, 'berapa harga kopi gayo?')).not.toContain('GAYO-250');
});

it('a context written twice at one timestamp (as within one millisecond) is answered from the second write', async () => {
  await withTenant(appDb, scope, async (tx) => {
    // One transaction: `now()`, so `updated_at`, is the same for both writes.
    const a = await upsertBusinessContext(tx, { ...gayo, policies: [] });
    const read = await businessContextOf(tx, () => requireWorkspace(tx, scope.workspaceId));
    await prepareIndex(read); // kept for the first write, as a preview in between would
    const b = await upsertBusinessContext(tx, { ...kintamani, policies: [] });
    expect(b.updatedAt).toEqual(a.updatedAt);
    expect(b.revision).not.toBe(a.revision);
  });
  expect(await cited(scope, 'berapa harga kopi kintamani?')).toEqual(['KINTAMANI-250']);
  expect(await cited(scope, 'berapa harga kopi gayo?')).not.toContain('GAYO-250');
});

it('answers each workspace from its own context', async () => {
  const other = await newWorkspace();
  await Promise.all([
    replaceBusinessContext({ db: appDb }, scope, gayo),
    replaceBusinessContext({ db: appDb }, other, kintamani),
  ]);
  expect(await cited(scope, 'kopi gayo atau kintamani?')).toEqual(['GAYO-250']);
  expect(await cited(other, 'kopi gayo atau kintamani?')).toEqual(['KINTAMANI-250']);
});

it('a document changed by any other write (a data fix in SQL) takes a new revision too, and is answered from', async () => {
  await replaceBusinessContext({ db: appDb }, scope, gayo);
  expect(await cited(scope, 'berapa harga kopi gayo?')).toEqual(['GAYO-250']);
  const before = await getBusinessContext({ db: appDb }, scope);
  await ownerDb('business_contexts')
    .where({ workspace_id: scope.workspaceId })
    .update({ document: JSON.stringify({ ...kintamani, policies: [] }) });
  const after = await getBusinessContext({ db: appDb }, scope);
  expect(after.revision).toBeGreaterThan(before.revision ?? Number.POSITIVE_INFINITY);
  expect(await cited(scope, 'berapa harga kopi kintamani?')).toEqual(['KINTAMANI-250']);

  // Touching other columns only keeps the revision (and what was derived from it).
  await ownerDb('business_contexts')
    .where({ workspace_id: scope.workspaceId })
    .update({ updated_at: new Date() });
  expect((await getBusinessContext({ db: appDb }, scope)).revision).toBe(after.revision);
});
