import type { components } from '@laras/openapi';
import { createTestPartner, startTestApi, type TestApi, type TestPartner } from '@laras/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

type Workspace = components['schemas']['Workspace'];
type WorkspaceList = components['schemas']['WorkspaceList'];
type ErrorBody = components['schemas']['Error'];

let api: TestApi;
let partner: TestPartner;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());
beforeEach(async () => {
  partner = await createTestPartner(api.ownerDb);
});

const create = (body: unknown, key = partner.apiKey) =>
  api.call<Workspace>('POST', '/v1/workspaces', { key, body });

describe('createWorkspace', () => {
  it('creates a workspace with external id and metadata', async () => {
    const res = await create({ name: 'Kopi Kita', external_id: 'client-42', metadata: { plan: 'gold' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Kopi Kita',
      external_id: 'client-42',
      metadata: { plan: 'gold' },
    });
    expect(res.body.id).toMatch(/^ws_[0-9A-Z]{26}$/);
    const row = await api.ownerDb('workspaces').where({ id: res.body.id }).first();
    expect(row.partner_id).toBe(partner.partnerId);
  });

  it('defaults external_id to null and metadata to {}', async () => {
    const res = await create({ name: 'Plain' });
    expect(res.body).toMatchObject({ external_id: null, metadata: {} });
  });

  it('rejects a duplicate external_id of the same partner with 409', async () => {
    await create({ name: 'One', external_id: 'dup' });
    const res = await api.call<ErrorBody>('POST', '/v1/workspaces', {
      key: partner.apiKey,
      body: { name: 'Two', external_id: 'dup' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'conflict', param: 'external_id' });
  });

  it('allows the same external_id for two different partners', async () => {
    const other = await createTestPartner(api.ownerDb);
    expect((await create({ name: 'A', external_id: 'shared' })).status).toBe(201);
    expect((await create({ name: 'B', external_id: 'shared' }, other.apiKey)).status).toBe(201);
  });

  it.each([
    [{}, 'name'],
    [{ name: '' }, 'name'],
    [{ name: 'x'.repeat(201) }, 'name'],
    [{ name: 'ok', external_id: '' }, 'external_id'],
    [{ name: 'ok', metadata: { k: 5 } }, 'metadata.k'],
    [
      { name: 'ok', metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) },
      'metadata',
    ],
    [{ name: 'ok', unknown_field: true }, 'unknown_field'],
  ])('rejects %j with a 400 naming %s', async (body, param) => {
    const res = await api.call<ErrorBody>('POST', '/v1/workspaces', { key: partner.apiKey, body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.request_id).toBe(res.headers.get('x-request-id'));
    expect(res.body.error.param).toBe(param);
    expect(res.body.error.issues?.length).toBeGreaterThan(0);
    expect(await api.ownerDb('workspaces').where({ partner_id: partner.partnerId }).count('* as n')).toEqual([
      { n: 0 },
    ]);
  });
});

describe('getWorkspace / updateWorkspace / deleteWorkspace', () => {
  it('reads, updates and deletes', async () => {
    const { body: created } = await create({ name: 'Old', external_id: 'e1', metadata: { a: '1' } });
    const path = `/v1/workspaces/${created.id}`;

    const got = await api.call<Workspace>('GET', path, { key: partner.apiKey });
    expect(got.body).toEqual(created);

    const patched = await api.call<Workspace>('PATCH', path, {
      key: partner.apiKey,
      body: { name: 'New', external_id: null, metadata: { b: '2' } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      id: created.id,
      name: 'New',
      external_id: null,
      metadata: { b: '2' },
    });
    expect(Date.parse(patched.body.updated_at)).toBeGreaterThanOrEqual(Date.parse(created.updated_at));

    const partial = await api.call<Workspace>('PATCH', path, {
      key: partner.apiKey,
      body: { name: 'Newer' },
    });
    expect(partial.body).toMatchObject({ name: 'Newer', metadata: { b: '2' } });

    expect((await api.call('DELETE', path, { key: partner.apiKey })).status).toBe(204);
    expect((await api.call('GET', path, { key: partner.apiKey })).status).toBe(404);
    expect((await api.call('DELETE', path, { key: partner.apiKey })).status).toBe(404);
  });

  it('rejects an empty PATCH and a PATCH onto a taken external_id', async () => {
    await create({ name: 'Taken', external_id: 'taken' });
    const { body: ws } = await create({ name: 'Mine' });
    const empty = await api.call<ErrorBody>('PATCH', `/v1/workspaces/${ws.id}`, {
      key: partner.apiKey,
      body: {},
    });
    expect(empty.status).toBe(400);
    const clash = await api.call<ErrorBody>('PATCH', `/v1/workspaces/${ws.id}`, {
      key: partner.apiKey,
      body: { external_id: 'taken' },
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error.param).toBe('external_id');
  });

  it('answers 404 for an id that does not exist', async () => {
    const res = await api.call<ErrorBody>('GET', '/v1/workspaces/ws_01JD5Q4ZB7S0M6G4B6Y7R1T2QX', {
      key: partner.apiKey,
    });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});

describe('listWorkspaces', () => {
  it('pages newest first without duplicates or gaps while rows are inserted', async () => {
    const made: string[] = [];
    for (let i = 0; i < 7; i += 1) made.push((await create({ name: `W${i}` })).body.id);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=3&cursor=${encodeURIComponent(cursor)}` : '?limit=3';
      const page: { body: WorkspaceList } = await api.call<WorkspaceList>('GET', `/v1/workspaces${query}`, {
        key: partner.apiKey,
      });
      seen.push(...page.body.data.map((w) => w.id));
      // Someone keeps creating workspaces while we page.
      await create({ name: `Inserted during page ${pages}` });
      cursor = page.body.next_cursor;
      expect(page.body.has_more).toBe(cursor !== null);
      pages += 1;
    } while (cursor);

    expect(pages).toBe(3);
    expect(seen).toEqual([...made].reverse());
  });

  it('filters by external_id', async () => {
    await create({ name: 'A', external_id: 'find-me' });
    await create({ name: 'B', external_id: 'not-me' });
    const res = await api.call<WorkspaceList>('GET', '/v1/workspaces?external_id=find-me', {
      key: partner.apiKey,
    });
    expect(res.body.data.map((w) => w.name)).toEqual(['A']);
    expect(res.body).toMatchObject({ has_more: false, next_cursor: null });
  });

  it.each([
    ['?limit=0', 'limit'],
    ['?limit=101', 'limit'],
    ['?limit=abc', 'limit'],
    ['?cursor=not-a-cursor', 'cursor'],
    ['?colour=blue', 'colour'],
  ])('rejects %s with a 400 naming %s', async (query, param) => {
    const res = await api.call<ErrorBody>('GET', `/v1/workspaces${query}`, { key: partner.apiKey });
    expect(res.status).toBe(400);
    expect(res.body.error.param).toBe(param);
  });

  it('never lists another partner’s workspaces', async () => {
    const other = await createTestPartner(api.ownerDb);
    await create({ name: 'Theirs' }, other.apiKey);
    const mine = await create({ name: 'Mine' });
    const res = await api.call<WorkspaceList>('GET', '/v1/workspaces', { key: partner.apiKey });
    expect(res.body.data.map((w) => w.id)).toEqual([mine.body.id]);
  });
});
