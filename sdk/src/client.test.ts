/** createLaras end to end against scripted local servers: headers, idempotency, errors, options. */
import { readFileSync } from 'node:fs';
import { operationIndex } from '@laras/openapi';
import { afterEach, describe, expect, it } from 'vitest';
import { createLaras, hasSubstituteErrorBody, LarasTimeoutError, SDK_VERSION } from './index.ts';
import { errorBody, type Reply, type StubServer, startStubServer } from './stub-server.test-helper.ts';

const apiKey = 'lrs_test_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN';
const workspace = {
  id: 'ws_01JD5Q4ZB7S0M6G4B6Y7R1T2QX',
  name: 'Kopi',
  external_id: null,
  metadata: {},
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};
const byId = { params: { path: { workspace_id: workspace.id } } };
const unavailable: Reply = {
  status: 503,
  headers: { 'Retry-After': '0' },
  body: errorBody('service_unavailable'),
};

const servers: StubServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function stub(script: Reply[]) {
  const server = await startStubServer(script);
  servers.push(server);
  return server;
}

describe('createLaras', () => {
  it('calls the operation’s path with the key and a user agent, and returns typed data', async () => {
    const { baseUrl, seen } = await stub([{ status: 200, body: workspace }]);
    const laras = createLaras({ apiKey, baseUrl });
    const { data, error, response } = await laras.getWorkspace(byId);
    expect(error).toBeUndefined();
    expect(data?.name).toBe('Kopi');
    expect(response.status).toBe(200);
    expect(seen[0]).toMatchObject({ method: 'GET', url: `/v1/workspaces/${workspace.id}` });
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(seen[0]?.headers['user-agent']).toBe(`laras-sdk/${SDK_VERSION}`);
  });

  it('has a method for every operation of the spec', () => {
    const laras = createLaras({ apiKey, baseUrl: 'http://127.0.0.1:9' });
    for (const operationId of Object.keys(operationIndex)) {
      expect(typeof laras[operationId as keyof typeof operationIndex]).toBe('function');
    }
  });

  it('keeps a base path and drops a trailing slash; takes a custom user agent', async () => {
    const { baseUrl, seen } = await stub([
      { status: 200, body: { data: [], has_more: false, next_cursor: null } },
    ]);
    const laras = createLaras({ apiKey, baseUrl: `${baseUrl}/laras/`, userAgent: 'agency-crm/2.1' });
    await laras.listWorkspaces({ params: { query: { limit: 5, cursor: 'c_1' } } });
    expect(seen[0]?.url).toBe('/laras/v1/workspaces?limit=5&cursor=c_1');
    expect(seen[0]?.headers['user-agent']).toBe('agency-crm/2.1');
  });

  it('retries a 503 and resolves with the success', async () => {
    const { baseUrl, seen } = await stub([unavailable, unavailable, { status: 200, body: workspace }]);
    const { data } = await createLaras({ apiKey, baseUrl }).getWorkspace(byId);
    expect(data?.id).toBe(workspace.id);
    expect(seen).toHaveLength(3);
  });

  it('gives up after maxRetries and resolves with the last error, typed', async () => {
    const { baseUrl, seen } = await stub([unavailable]);
    const { data, error, response } = await createLaras({ apiKey, baseUrl, maxRetries: 1 }).listWorkspaces();
    expect(data).toBeUndefined();
    expect(response.status).toBe(503);
    expect(error?.error.code).toBe('service_unavailable');
    expect(seen).toHaveLength(2);
  });

  it('sends one Idempotency-Key per POST, the same on every attempt, and none on other methods', async () => {
    const { baseUrl, seen } = await stub([unavailable, { status: 201, body: workspace }]);
    const laras = createLaras({ apiKey, baseUrl });
    await laras.createWorkspace({ body: { name: 'Kopi' } });
    await laras.createWorkspace({ body: { name: 'Teh' } });
    await laras.listWorkspaces();
    await laras.updateWorkspace({ ...byId, body: { name: 'Kopi Kita' } });
    const [first, retry, second, list, update] = seen;
    expect(first?.headers['idempotency-key']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(retry?.headers['idempotency-key']).toBe(first?.headers['idempotency-key']);
    expect(retry?.body).toBe(JSON.stringify({ name: 'Kopi' }));
    expect(second?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(second?.headers['idempotency-key']).not.toBe(first?.headers['idempotency-key']);
    expect(list?.headers['idempotency-key']).toBeUndefined();
    expect(update?.headers['idempotency-key']).toBeUndefined();
  });

  it('keeps an Idempotency-Key the caller gives, as a header or a parameter', async () => {
    const { baseUrl, seen } = await stub([unavailable, { status: 201, body: workspace }]);
    const laras = createLaras({ apiKey, baseUrl });
    await laras.createWorkspace({ body: { name: 'Kopi' }, headers: { 'Idempotency-Key': 'order-42' } });
    await laras.createWorkspace({
      body: { name: 'Kopi' },
      params: { header: { 'Idempotency-Key': 'order-43' } },
    });
    expect(seen.map((s) => s.headers['idempotency-key'])).toEqual(['order-42', 'order-42', 'order-43']);
  });

  it('gives the raw openapi-fetch client the same key, retries and idempotency', async () => {
    const { baseUrl, seen } = await stub([unavailable, { status: 201, body: workspace }]);
    const { data } = await createLaras({ apiKey, baseUrl }).client.POST('/v1/workspaces', {
      body: { name: 'Kopi' },
    });
    expect(data?.id).toBe(workspace.id);
    expect(seen).toHaveLength(2);
    expect(seen[1]?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(seen[1]?.headers['idempotency-key']).toBe(seen[0]?.headers['idempotency-key']);
  });

  it('rejects with a LarasTimeoutError when the server never answers', async () => {
    const { baseUrl } = await stub(['hang']);
    const laras = createLaras({ apiKey, baseUrl, timeoutMs: 100, maxRetries: 0 });
    const failure = laras.listWorkspaces();
    await expect(failure).rejects.toBeInstanceOf(LarasTimeoutError);
    await expect(failure).rejects.toThrow(/Laras API request timed out: GET .*\/v1\/workspaces \(100 ms/);
  });

  it('uses the fetch it is given', async () => {
    const urls: string[] = [];
    const laras = createLaras({
      apiKey,
      baseUrl: 'https://api.laras.example',
      fetch: async (request) => {
        urls.push(request.url);
        return Response.json(workspace);
      },
    });
    const { data } = await laras.getWorkspace(byId);
    expect(data?.id).toBe(workspace.id);
    expect(urls).toEqual([`https://api.laras.example/v1/workspaces/${workspace.id}`]);
  });
});

describe('error bodies', () => {
  it('passes the API’s own error through untouched', async () => {
    const body = { error: { code: 'invalid_request', message: 'Bad.', request_id: 'req_9', param: 'name' } };
    const { baseUrl, seen } = await stub([{ status: 400, body }]);
    const { error, response } = await createLaras({ apiKey, baseUrl }).createWorkspace({
      body: { name: '' },
    });
    expect(error).toEqual(body);
    expect(seen).toHaveLength(1);
    expect(hasSubstituteErrorBody(response)).toBe(false);
  });

  it('gives a proxy’s HTML or empty error the spec’s Error shape', async () => {
    const { baseUrl } = await stub([
      { status: 502, text: '<html>Bad Gateway</html>', headers: { 'Content-Type': 'text/html' } },
      { status: 404, headers: { 'X-Request-Id': 'req_edge' } },
    ]);
    const laras = createLaras({ apiKey, baseUrl, maxRetries: 0 });
    const gateway = await laras.listWorkspaces();
    expect(gateway.response.status).toBe(502);
    expect(gateway.error?.error).toMatchObject({ code: 'internal_error', request_id: '' });
    expect(gateway.error?.error.message).toMatch(/^HTTP 502 Bad Gateway without a Laras error body/);
    expect(hasSubstituteErrorBody(gateway.response)).toBe(true);
    const missing = await laras.getWorkspace(byId);
    expect(missing.error?.error).toMatchObject({ code: 'not_found', request_id: 'req_edge' });
    expect(hasSubstituteErrorBody(missing.response)).toBe(true);
  });

  it('leaves the readiness probe’s own 503 body (its Readiness with the checks) as it came', async () => {
    const readiness = { status: 'unavailable', checks: { postgres: 'failing', redis: 'ok' } };
    const laras = createLaras({
      apiKey,
      baseUrl: 'https://api.laras.example',
      maxRetries: 0,
      fetch: async () => Response.json(readiness, { status: 503 }),
    });
    const probe = await laras.getReadiness();
    expect(probe.response.status).toBe(503);
    expect(probe.error).toEqual(readiness);
    expect(probe.error?.checks.postgres).toBe('failing');
    expect(hasSubstituteErrorBody(probe.response)).toBe(false);
    expect((await laras.client.GET('/readyz')).error).toEqual(readiness);
    // The same body from an operation whose errors are the spec's Error is still not one.
    const list = await laras.listWorkspaces();
    expect(list.error?.error.code).toBe('service_unavailable');
  });
});

describe('options', () => {
  const baseUrl = 'https://api.laras.example';

  it('rejects a missing or malformed key without echoing it', () => {
    expect(() => createLaras({ apiKey: '', baseUrl })).toThrow('@laras/sdk: apiKey is required.');
    expect(() => createLaras({ apiKey: 'sk_live_s3cret', baseUrl })).toThrow(
      /apiKey must be a Laras partner API key/,
    );
    expect(() => createLaras({ apiKey: 'sk_live_s3cret', baseUrl })).not.toThrow(/s3cret/);
    expect(() => createLaras({ apiKey: 'lrs_prod_abc', baseUrl })).toThrow(/lrs_test_ or lrs_live_/);
    expect(() => createLaras({ apiKey: `${apiKey}\n`, baseUrl })).toThrow(/whitespace/);
  });

  it('rejects a baseUrl that is not an absolute http(s) URL', () => {
    for (const bad of ['localhost:3000/', '/v1', 'api.laras.example', 'ftp://api.laras.example', '']) {
      expect(() => createLaras({ apiKey, baseUrl: bad }), bad).toThrow(/@laras\/sdk: baseUrl must/);
    }
    expect(() => createLaras({ apiKey, baseUrl: 'https://u:p@api.laras.example' })).toThrow(/credentials/);
    expect(() => createLaras({ apiKey, baseUrl: 'https://api.laras.example?x=1' })).toThrow(/query/);
  });

  it('rejects unusable numbers and functions', () => {
    expect(() => createLaras({ apiKey, baseUrl, timeoutMs: 0 })).toThrow(
      /timeoutMs must be an integer from 1/,
    );
    expect(() => createLaras({ apiKey, baseUrl, timeoutMs: Number.NaN })).toThrow(/timeoutMs/);
    expect(() => createLaras({ apiKey, baseUrl, maxRetries: -1 })).toThrow(/maxRetries/);
    expect(() => createLaras({ apiKey, baseUrl, maxRetries: 1.5 })).toThrow(/maxRetries/);
    expect(() => createLaras({ apiKey, baseUrl, maxRetryAfterMs: -1 })).toThrow(/maxRetryAfterMs/);
    expect(() => createLaras({ apiKey, baseUrl, userAgent: '' })).toThrow(/userAgent/);
  });

  it('accepts test and live keys and the documented defaults', () => {
    expect(() => createLaras({ apiKey, baseUrl: 'http://localhost:3000' })).not.toThrow();
    expect(() =>
      createLaras({ apiKey: apiKey.replace('_test_', '_live_'), baseUrl, maxRetries: 0 }),
    ).not.toThrow();
  });
});

it('reports the version of its package.json', () => {
  const manifest: { version: string } = JSON.parse(
    readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
  );
  expect(SDK_VERSION).toBe(manifest.version);
});

describe('paginate', () => {
  it('starts from the caller’s cursor, and stops with an error on a page that points back at itself', async () => {
    const { baseUrl, seen } = await stub([
      { status: 200, body: { data: [workspace], has_more: true, next_cursor: 'c_2' } },
      { status: 200, body: { data: [workspace], has_more: true, next_cursor: 'c_2' } },
    ]);
    const laras = createLaras({ apiKey, baseUrl });
    const names: string[] = [];
    const paging = (async () => {
      for await (const ws of laras.paginate('listWorkspaces', { params: { query: { cursor: 'c_1' } } })) {
        names.push(ws.name);
      }
    })();
    await expect(paging).rejects.toMatchObject({
      name: 'LarasApiError',
      error: { code: 'internal_error' },
    });
    expect(names).toEqual(['Kopi', 'Kopi']);
    expect(seen.map((request) => new URL(request.url, 'http://x').searchParams.get('cursor'))).toEqual([
      'c_1',
      'c_2',
    ]);
  });

  it('stops with an error on a cycle of pages, or more pages without a cursor', async () => {
    const page = (next: string | null) => ({
      status: 200,
      body: { data: [workspace], has_more: true, next_cursor: next },
    });
    const drain = async (laras: ReturnType<typeof createLaras>) => {
      for await (const _ of laras.paginate('listWorkspaces')) {
        // read every item
      }
    };
    const cycle = await stub([page('c_a'), page('c_b'), page('c_a')]);
    await expect(drain(createLaras({ apiKey, baseUrl: cycle.baseUrl }))).rejects.toMatchObject({
      name: 'LarasApiError',
      message: expect.stringContaining('already been asked with'),
    });
    expect(cycle.seen).toHaveLength(3);
    const noCursor = await stub([page(null)]);
    await expect(drain(createLaras({ apiKey, baseUrl: noCursor.baseUrl }))).rejects.toMatchObject({
      message: expect.stringContaining('gave no next_cursor'),
    });
  });
});
