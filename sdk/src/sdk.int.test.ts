/**
 * The SDK against the real API, database and Redis. Every response the SDK receives is also checked
 * against openapi.yaml, so the SDK and the API are shown to agree on the wire.
 */
import { randomBytes } from 'node:crypto';
import { contractProblems, createTestPartner, startTestApi, type TestApi } from '@laras/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLaras, type FetchFunction, type Laras, LarasApiError } from './index.ts';

let api: TestApi;
const problems: string[] = [];

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());
afterEach(() => {
  expect(problems.splice(0)).toEqual([]);
});

const contractCheckedFetch: FetchFunction = async (request) => {
  const response = await fetch(request);
  const text = await response.clone().text();
  const body: unknown = text === '' ? undefined : JSON.parse(text);
  problems.push(...contractProblems(request.method, new URL(request.url).pathname, response.status, body));
  return response;
};

const sdkFor = (apiKey: string): Laras =>
  createLaras({ apiKey, baseUrl: api.url, fetch: contractCheckedFetch });

/** A fresh partner and an SDK client holding its key. */
async function newPartner() {
  const partner = await createTestPartner(api.ownerDb);
  return { ...partner, laras: sdkFor(partner.apiKey) };
}

describe('workspaces', () => {
  it('creates, reads, updates, lists and deletes a workspace', async () => {
    const { laras } = await newPartner();
    const created = await laras.createWorkspace({
      body: { name: 'Kopi Kita', external_id: 'client-42', metadata: { plan: 'gold' } },
    });
    expect(created.response.status).toBe(201);
    if (!created.data) throw new Error(`create failed: ${JSON.stringify(created.error)}`);
    const path = { workspace_id: created.data.id };
    expect(created.data).toMatchObject({
      name: 'Kopi Kita',
      external_id: 'client-42',
      metadata: { plan: 'gold' },
    });

    const got = await laras.getWorkspace({ params: { path } });
    expect(got.data).toEqual(created.data);

    const updated = await laras.updateWorkspace({
      params: { path },
      body: { name: 'Kopi Kita Jaya', external_id: null },
    });
    expect(updated.data).toMatchObject({ id: path.workspace_id, name: 'Kopi Kita Jaya', external_id: null });

    const listed = await laras.listWorkspaces();
    expect(listed.data?.data.map((w) => w.name)).toEqual(['Kopi Kita Jaya']);

    const deleted = await laras.deleteWorkspace({ params: { path } });
    expect(deleted.response.status).toBe(204);
    expect(deleted.error).toBeUndefined();
    const gone = await laras.getWorkspace({ params: { path } });
    expect(gone.response.status).toBe(404);
    expect(gone.error?.error.code).toBe('not_found');
  });

  it('pages through every workspace with limit and next_cursor', async () => {
    const { laras } = await newPartner();
    const names = ['One', 'Two', 'Three', 'Four', 'Five'];
    for (const name of names) await laras.createWorkspace({ body: { name } });

    const seen: string[] = [];
    let pages = 0;
    for (let cursor: string | undefined; ; ) {
      const { data: page, error } = await laras.listWorkspaces({ params: { query: { limit: 2, cursor } } });
      if (!page) throw new Error(`list failed: ${JSON.stringify(error)}`);
      pages += 1;
      seen.push(...page.data.map((w) => w.name));
      if (!page.has_more || !page.next_cursor) break;
      cursor = page.next_cursor;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(names.length);
    expect([...seen].sort()).toEqual([...names].sort());
  });

  it('paginate yields every item of every page, with the caller’s limit, and only the caller’s', async () => {
    const { laras, apiKey } = await newPartner();
    const other = await newPartner();
    await other.laras.createWorkspace({ body: { name: 'Not mine' } });
    const names = ['One', 'Two', 'Three', 'Four', 'Five'];
    for (const name of names) await laras.createWorkspace({ body: { name } });

    const requested: string[] = [];
    const counting = createLaras({
      apiKey,
      baseUrl: api.url,
      fetch: async (request) => {
        requested.push(new URL(request.url).search);
        return contractCheckedFetch(request);
      },
    });
    const seen: string[] = [];
    for await (const workspace of counting.paginate('listWorkspaces', { params: { query: { limit: 2 } } })) {
      seen.push(workspace.name);
    }
    expect([...seen].sort()).toEqual([...names].sort());
    expect(requested).toHaveLength(3);
    expect(requested.every((search) => search.includes('limit=2'))).toBe(true);
    expect(requested.slice(1).every((search) => search.includes('cursor='))).toBe(true);
  });

  it('paginate throws a LarasApiError for an error answer, such as another partner’s workspace', async () => {
    const { laras } = await newPartner();
    const other = await newPartner();
    const theirs = await other.laras.createWorkspace({ body: { name: 'Theirs' } });
    if (!theirs.data) throw new Error('create failed');
    const pages = laras.paginate('listConversations', { params: { path: { workspace_id: theirs.data.id } } });
    const failure = await pages.next().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(LarasApiError);
    expect(failure).toMatchObject({ status: 404, error: { code: 'not_found' } });
  });

  it('replays a create sent twice with the same Idempotency-Key', async () => {
    const { laras } = await newPartner();
    const key = `sdk-${randomBytes(6).toString('hex')}`;
    const first = await laras.createWorkspace({
      body: { name: 'Once' },
      headers: { 'Idempotency-Key': key },
    });
    const second = await laras.createWorkspace({
      body: { name: 'Once' },
      headers: { 'Idempotency-Key': key },
    });
    expect(second.data?.id).toBe(first.data?.id);
    expect(second.response.headers.get('Idempotent-Replayed')).toBe('true');
    const listed = await laras.listWorkspaces();
    expect(listed.data?.data).toHaveLength(1);
  });
});

describe('business context and review rules', () => {
  it('stores the business context and reads it back', async () => {
    const { laras } = await newPartner();
    const { data: workspace } = await laras.createWorkspace({ body: { name: 'Kopi Kita' } });
    const path = { workspace_id: workspace?.id ?? '' };

    const before = await laras.getBusinessContext({ params: { path } });
    expect(before.data).toMatchObject({ workspace_id: path.workspace_id, catalog: [], updated_at: null });

    const stored = await laras.replaceBusinessContext({
      params: { path },
      body: {
        business: {
          name: 'Kopi Kita',
          description: 'Roastery in Bandung',
          tone: 'warm',
          languages: ['id', 'en'],
        },
        catalog: [{ sku: 'GAYO-250', name: 'Gayo 250 g', price: { amount: 12_500_000, currency: 'IDR' } }],
        policies: [{ topic: 'shipping', text: 'Ships in 2 days.' }],
        faqs: [{ question: 'Open on Sunday?', answer: 'Yes, 8 to 17.' }],
      },
    });
    expect(stored.response.status).toBe(200);
    expect(stored.data?.catalog[0]).toMatchObject({ sku: 'GAYO-250', available: true, description: '' });
    expect(stored.data?.policies[0]?.id).toMatch(/^pol_/);

    const read = await laras.getBusinessContext({ params: { path } });
    expect(read.data).toEqual(stored.data);
  });

  it('stores review rules and reads them back', async () => {
    const { laras } = await newPartner();
    const { data: workspace } = await laras.createWorkspace({ body: { name: 'Kopi Kita' } });
    const path = { workspace_id: workspace?.id ?? '' };
    const stored = await laras.replaceReviewRules({
      params: { path },
      body: {
        auto_send: { whatsapp: true, instagram_dm: false, instagram_comment: false },
        min_confidence: 0.8,
      },
    });
    expect(stored.data).toMatchObject({ auto_send: { whatsapp: true }, min_confidence: 0.8 });
    expect((await laras.getReviewRules({ params: { path } })).data).toEqual(stored.data);
  });
});

describe('errors', () => {
  it('answers 404, never 403, for another partner’s workspace, in the spec’s error shape', async () => {
    const mine = await newPartner();
    const theirs = await newPartner();
    const { data: workspace } = await theirs.laras.createWorkspace({ body: { name: 'Theirs' } });
    const path = { workspace_id: workspace?.id ?? '' };

    const read = await mine.laras.getWorkspace({ params: { path } });
    expect(read.response.status).toBe(404);
    expect(read.data).toBeUndefined();
    expect(read.error?.error).toMatchObject({ code: 'not_found', message: expect.any(String) });
    expect(read.error?.error.request_id).toBe(read.response.headers.get('X-Request-Id'));

    const update = await mine.laras.updateWorkspace({ params: { path }, body: { name: 'Mine now' } });
    expect(update.error?.error.code).toBe('not_found');
    const context = await mine.laras.getBusinessContext({ params: { path } });
    expect(context.error?.error.code).toBe('not_found');
    expect((await theirs.laras.getWorkspace({ params: { path } })).data?.name).toBe('Theirs');
  });

  it('answers 401 with a typed error to a revoked key and to an unknown key', async () => {
    const { laras } = await newPartner();
    const { data: spare } = await laras.createApiKey({ body: { name: 'short-lived' } });
    if (!spare) throw new Error('createApiKey failed');
    const before = await sdkFor(spare.secret).listWorkspaces();
    expect(before.response.status).toBe(200);

    const revoked = await laras.revokeApiKey({ params: { path: { api_key_id: spare.id } } });
    expect(revoked.data?.revoked_at).not.toBeNull();
    const denied = await sdkFor(spare.secret).listWorkspaces();
    expect(denied.response.status).toBe(401);
    expect(denied.error?.error.code).toBe('unauthenticated');

    const unknownKey = `lrs_test_${'A'.repeat(40)}`;
    const unknown = await sdkFor(unknownKey).createWorkspace({ body: { name: 'Nope' } });
    expect(unknown.response.status).toBe(401);
    expect(unknown.error?.error).toMatchObject({ code: 'unauthenticated', request_id: expect.any(String) });
  });

  it('returns validation problems as typed issues', async () => {
    const { laras } = await newPartner();
    const { error, response } = await laras.createWorkspace({ body: { name: '' } });
    expect(response.status).toBe(400);
    expect(error?.error).toMatchObject({ code: 'invalid_request', param: 'name' });
  });
});
