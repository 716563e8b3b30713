import type { components } from '@laras/openapi';
import { createTestPartner, startTestApi, type TestApi, type TestPartner } from '@laras/testkit';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

type BusinessContext = components['schemas']['BusinessContext'];
type ErrorBody = components['schemas']['Error'];

let api: TestApi;
let partner: TestPartner;
let workspaceId: string;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());
beforeEach(async () => {
  partner = await createTestPartner(api.ownerDb);
  const ws = await api.call<{ id: string }>('POST', '/v1/workspaces', {
    key: partner.apiKey,
    body: { name: 'Kopi Kita' },
  });
  workspaceId = ws.body.id;
});

const path = () => `/v1/workspaces/${workspaceId}/business-context`;
const put = <T = BusinessContext>(body: unknown, key = partner.apiKey) =>
  api.call<T>('PUT', path(), { key, body });

const valid = {
  business: {
    name: 'Kopi Kita',
    description: 'Specialty coffee roastery',
    tone: 'warm, brief',
    languages: ['id', 'en'],
  },
  catalog: [
    {
      sku: 'GAYO-250',
      name: 'Gayo 250 g',
      description: 'Washed Arabica',
      price: { amount: 12_500_000, currency: 'IDR' },
    },
    { sku: 'V60', name: 'V60 dripper', price: { amount: 2500, currency: 'USD' }, available: false },
  ],
  policies: [
    { topic: 'shipping', text: 'We ship within Java in two days.' },
    { id: 'refunds', topic: 'refunds', text: 'Unopened bags can be returned within 7 days.' },
  ],
  faqs: [{ question: 'Do you grind?', answer: 'Yes, tell us your brewer.' }],
};

it('answers an empty context named after the workspace until one is set', async () => {
  const res = await api.call<BusinessContext>('GET', path(), { key: partner.apiKey });
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    workspace_id: workspaceId,
    business: { name: 'Kopi Kita', description: '', tone: '', languages: ['en'] },
    catalog: [],
    policies: [],
    faqs: [],
    updated_at: null,
  });
});

it('stores a context with defaults and generated policy ids, and serves it back', async () => {
  const res = await put(valid);
  expect(res.status).toBe(200);
  expect(res.body.catalog).toEqual([
    { ...valid.catalog[0], available: true },
    { ...valid.catalog[1], description: '' },
  ]);
  expect(res.body.policies[0]?.id).toMatch(/^pol_[0-9A-Z]{26}$/);
  expect(res.body.policies[1]?.id).toBe('refunds');
  expect(res.body.updated_at).not.toBeNull();

  const got = await api.call<BusinessContext>('GET', path(), { key: partner.apiKey });
  expect(got.body).toEqual(res.body);
});

it('replaces the whole context on every PUT', async () => {
  await put(valid);
  const res = await put({ business: valid.business });
  expect(res.body).toMatchObject({ catalog: [], policies: [], faqs: [] });
});

it.each([
  [
    'an unknown currency',
    { catalog: [{ sku: 'A', name: 'A', price: { amount: 1, currency: 'XYZ' } }] },
    'catalog[0].price.currency',
  ],
  [
    'a lowercase currency',
    { catalog: [{ sku: 'A', name: 'A', price: { amount: 1, currency: 'idr' } }] },
    'catalog[0].price.currency',
  ],
  [
    'a fractional amount',
    { catalog: [{ sku: 'A', name: 'A', price: { amount: 1.5, currency: 'USD' } }] },
    'catalog[0].price.amount',
  ],
  [
    'a negative amount',
    { catalog: [{ sku: 'A', name: 'A', price: { amount: -1, currency: 'USD' } }] },
    'catalog[0].price.amount',
  ],
  [
    'a duplicate sku',
    {
      catalog: [
        { sku: 'A', name: 'A', price: { amount: 1, currency: 'USD' } },
        { sku: 'B', name: 'B', price: { amount: 1, currency: 'USD' } },
        { sku: 'A', name: 'Again', price: { amount: 2, currency: 'USD' } },
      ],
    },
    'catalog[2].sku',
  ],
  [
    'a duplicate policy id',
    {
      policies: [
        { id: 'p', topic: 't', text: 'x' },
        { id: 'p', topic: 't2', text: 'y' },
      ],
    },
    'policies[1].id',
  ],
  [
    'a bad language tag',
    { business: { ...valid.business, languages: ['English'] } },
    'business.languages[0]',
  ],
  ['no languages', { business: { ...valid.business, languages: [] } }, 'business.languages'],
  [
    'an over-long description',
    { business: { ...valid.business, description: 'x'.repeat(4001) } },
    'business.description',
  ],
  [
    'a sku with spaces',
    { catalog: [{ sku: 'A B', name: 'A', price: { amount: 1, currency: 'USD' } }] },
    'catalog[0].sku',
  ],
  [
    'an unknown field',
    { catalog: [{ sku: 'A', name: 'A', price: { amount: 1, currency: 'USD' }, colour: 'red' }] },
    'catalog[0].colour',
  ],
  ['no business', { business: undefined }, 'business'],
])('rejects %s with a 400 at its field, storing nothing', async (_, change, param) => {
  const res = await put<ErrorBody>({ business: valid.business, ...change });
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('invalid_request');
  expect(res.body.error.param).toBe(param);
  expect(res.body.error.request_id).toMatch(/^req_/);
  expect(await api.ownerDb('business_contexts').where({ workspace_id: workspaceId })).toEqual([]);
});

it('rejects a catalog over 1000 items', async () => {
  const catalog = Array.from({ length: 1001 }, (_, i) => ({
    sku: `S${i}`,
    name: 'n',
    price: { amount: 1, currency: 'USD' },
  }));
  const res = await put<ErrorBody>({ business: valid.business, catalog });
  expect(res.status).toBe(400);
  expect(res.body.error.param).toBe('catalog');
});

it('takes a context at every size limit (more than the 1 MiB other bodies get), and refuses one over 8 MiB', async () => {
  const at = (length: number) => 'x'.repeat(length);
  const largest = {
    business: valid.business,
    catalog: Array.from({ length: 1000 }, (_, i) => ({
      sku: `SKU-${i}`,
      name: at(200),
      description: at(2000),
      price: { amount: 1, currency: 'USD' },
    })),
    policies: Array.from({ length: 100 }, (_, i) => ({ id: `p${i}`, topic: 'topic', text: at(4000) })),
    faqs: Array.from({ length: 200 }, () => ({ question: 'Do you ship?', answer: at(4000) })),
  };
  expect(JSON.stringify(largest).length).toBeGreaterThan(3 * 1024 * 1024);
  const stored = await put(largest);
  expect(stored.status).toBe(200);
  expect(stored.body.catalog).toHaveLength(1000);

  // Past the route's own limit: refused before the body is read whole, and nothing changes.
  const tooLarge = { ...largest, business: { ...valid.business, description: at(9 * 1024 * 1024) } };
  const refused = await put<ErrorBody>(tooLarge);
  expect(refused.status).toBe(413);
  expect(refused.body.error.code).toBe('payload_too_large');
  const kept = await api.call<BusinessContext>('GET', path(), { key: partner.apiKey });
  expect(kept.body.catalog).toHaveLength(1000);
});

it('answers 404 for a workspace that does not exist', async () => {
  const res = await api.call<ErrorBody>(
    'PUT',
    '/v1/workspaces/ws_01JD5Q4ZB7S0M6G4B6Y7R1T2QX/business-context',
    {
      key: partner.apiKey,
      body: valid,
    },
  );
  expect(res.status).toBe(404);
});

it('keeps another partner out of the context, reading or writing', async () => {
  await put(valid);
  const before = await api.call<BusinessContext>('GET', path(), { key: partner.apiKey });
  const intruder = await createTestPartner(api.ownerDb);
  expect((await api.call('GET', path(), { key: intruder.apiKey })).status).toBe(404);
  expect((await put({ business: { ...valid.business, name: 'Hijacked' } }, intruder.apiKey)).status).toBe(
    404,
  );
  const after = await api.call<BusinessContext>('GET', path(), { key: partner.apiKey });
  expect(after.body).toEqual(before.body);
});

it('deletes the context with its workspace', async () => {
  await put(valid);
  await api.call('DELETE', `/v1/workspaces/${workspaceId}`, { key: partner.apiKey });
  expect(await api.ownerDb('business_contexts').where({ workspace_id: workspaceId })).toEqual([]);
});
