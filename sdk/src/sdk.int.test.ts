/** The SDK against the real API, database and Redis. */
import { createTestPartner, startTestApi, type TestApi } from '@laras/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLaras, type Laras } from './index.ts';

let api: TestApi;
let laras: Laras;

beforeAll(async () => {
  api = await startTestApi();
  const partner = await createTestPartner(api.ownerDb);
  laras = createLaras({ apiKey: partner.apiKey, baseUrl: api.url });
});
afterAll(() => api.close());

it('manages a workspace end to end', async () => {
  const created = await laras.createWorkspace({ body: { name: 'Kopi Kita', external_id: 'sdk-1' } });
  expect(created.response.status).toBe(201);
  const id = created.data?.id ?? '';
  const path = { workspace_id: id };

  const got = await laras.getWorkspace({ params: { path } });
  expect(got.data).toEqual(created.data);

  const updated = await laras.updateWorkspace({ params: { path }, body: { name: 'Kopi Kita Jaya' } });
  expect(updated.data?.name).toBe('Kopi Kita Jaya');

  const listed = await laras.listWorkspaces({ params: { query: { external_id: 'sdk-1' } } });
  expect(listed.data?.data.map((w) => w.id)).toEqual([id]);

  const context = await laras.replaceBusinessContext({
    params: { path },
    body: {
      business: { name: 'Kopi Kita', description: 'Roastery', tone: 'warm', languages: ['id'] },
      catalog: [{ sku: 'GAYO', name: 'Gayo 250 g', price: { amount: 12_500_000, currency: 'IDR' } }],
    },
  });
  expect(context.data?.catalog[0]?.available).toBe(true);

  const deleted = await laras.deleteWorkspace({ params: { path } });
  expect(deleted.response.status).toBe(204);
  const gone = await laras.getWorkspace({ params: { path } });
  expect(gone.error?.error.code).toBe('not_found');
});

it('creates exactly one workspace per call, idempotency key included', async () => {
  const before = await laras.listWorkspaces({ params: { query: { limit: 100 } } });
  await laras.createWorkspace({ body: { name: 'Once' } });
  const after = await laras.listWorkspaces({ params: { query: { limit: 100 } } });
  expect((after.data?.data.length ?? 0) - (before.data?.data.length ?? 0)).toBe(1);
});

it('returns typed errors for another partner’s workspace and for a bad key', async () => {
  const other = await createTestPartner(api.ownerDb);
  const theirs = await createLaras({ apiKey: other.apiKey, baseUrl: api.url }).createWorkspace({
    body: { name: 'Theirs' },
  });
  const res = await laras.getWorkspace({ params: { path: { workspace_id: theirs.data?.id ?? '' } } });
  expect(res.response.status).toBe(404);
  expect(res.error?.error).toMatchObject({ code: 'not_found', request_id: expect.stringMatching(/^req_/) });

  const revoked = await laras.createApiKey({ body: { name: 'short-lived' } });
  await laras.revokeApiKey({ params: { path: { api_key_id: revoked.data?.id ?? '' } } });
  const denied = await createLaras({ apiKey: revoked.data?.secret ?? '', baseUrl: api.url }).listWorkspaces();
  expect(denied.response.status).toBe(401);
  expect(denied.error?.error.code).toBe('unauthenticated');
});
