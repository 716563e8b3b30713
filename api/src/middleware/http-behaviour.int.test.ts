/** The cross-cutting HTTP behaviour every route shares: request ids, bodies, unknown routes, health. */
import { gzipSync } from 'node:zlib';
import { createApp } from '@laras/api';
import { createKnex, createLogger, createRedis } from '@laras/core';
import { parseKeyRing } from '@laras/core/vault';
import { createTestPartner, startTestApi, type TestApi, type TestPartner, testConfig } from '@laras/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type ErrorBody = { error: { code: string; message: string; request_id: string; param?: string } };

let api: TestApi;
let partner: TestPartner;

beforeAll(async () => {
  api = await startTestApi({ API_BODY_LIMIT_BYTES: '2048' });
  partner = await createTestPartner(api.ownerDb);
});
afterAll(() => api.close());

describe('request ids', () => {
  it('gives every response an id, also inside error bodies', async () => {
    const res = await api.call<ErrorBody>('GET', '/v1/workspaces');
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^req_[0-9A-Z]{26}$/);
    expect(res.body.error.request_id).toBe(id);
  });

  it('keeps a well-formed inbound X-Request-Id and replaces a bad one', async () => {
    const kept = await api.call('GET', '/healthz', { headers: { 'X-Request-Id': 'trace-abc-12345' } });
    expect(kept.headers.get('x-request-id')).toBe('trace-abc-12345');
    const replaced = await api.call('GET', '/healthz', {
      headers: { 'X-Request-Id': 'bad id\twith spaces' },
    });
    expect(replaced.headers.get('x-request-id')).toMatch(/^req_/);
  });
});

describe('the NUL character, which PostgreSQL cannot store', () => {
  // A partner of its own: other tests count the shared partner's workspaces.
  let own: TestPartner;
  beforeAll(async () => {
    own = await createTestPartner(api.ownerDb);
  });

  it('in a path id: not found, as any id that names nothing', async () => {
    const ws = await api.call<{ id: string }>('POST', '/v1/workspaces', {
      key: own.apiKey,
      body: { name: 'N' },
    });
    for (const path of ['/v1/workspaces/ws_%00x', `/v1/workspaces/${ws.body.id}/conversations/cnv_%00`]) {
      const res = await api.call<ErrorBody>('GET', path, { key: own.apiKey });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
  });

  it('in a body or a query: 400 at the field, and nothing stored', async () => {
    const before = await api
      .ownerDb('workspaces')
      .where({ partner_id: own.partnerId })
      .count<[{ count: number }]>();
    const created = await api.call<ErrorBody>('POST', '/v1/workspaces', {
      key: own.apiKey,
      body: { name: 'ok', metadata: { note: 'a\u0000b' } },
    });
    expect(created.status).toBe(400);
    expect(created.body.error).toMatchObject({ code: 'invalid_request', param: 'metadata.note' });
    const after = await api
      .ownerDb('workspaces')
      .where({ partner_id: own.partnerId })
      .count<[{ count: number }]>();
    expect(after).toEqual(before);
    const listed = await api.call<ErrorBody>('GET', '/v1/workspaces?external_id=a%00b', {
      key: own.apiKey,
    });
    expect(listed.status).toBe(400);
    expect(listed.body.error).toMatchObject({ code: 'invalid_request', param: 'external_id' });
  });
});

describe('a lone surrogate, which is no character and no UTF-8 can hold', () => {
  it('is a 400 at the field, wherever it is stored, and nothing is stored', async () => {
    const own = await createTestPartner(api.ownerDb);
    const ws = await api.call<{ id: string }>('POST', '/v1/workspaces', {
      key: own.apiKey,
      body: { name: 'S' },
    });
    const attempts: Array<[string, string, string, string]> = [
      ['POST', '/v1/workspaces', '{"name":"a\\ud800b"}', 'name'],
      ['POST', '/v1/workspaces', '{"name":"ok","metadata":{"note":"\\udc00"}}', 'metadata.note'],
      ['POST', '/v1/workspaces', '{"name":"ok","metadata":{"\\ud800":"v"}}', 'metadata.\ud800'],
      [
        'PUT',
        `/v1/workspaces/${ws.body.id}/business-context`,
        '{"business":{"name":"Kopi","description":"\\ud83d","tone":"","languages":["en"]}}',
        'business.description',
      ],
    ];
    for (const [method, path, rawBody, param] of attempts) {
      const res = await api.call<ErrorBody>(method, path, { key: own.apiKey, rawBody });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_request', param });
    }
    expect(await api.ownerDb('workspaces').where({ partner_id: own.partnerId })).toHaveLength(1);
    const pair = await api.call<{ name: string }>('POST', '/v1/workspaces', {
      key: own.apiKey,
      rawBody: '{"name":"Kopi \\ud83d\\ude00"}',
    });
    expect(pair.body.name).toBe('Kopi \u{1F600}');
  });
});

describe('bodies', () => {
  it('rejects a body over the limit with 413 and stores nothing', async () => {
    const res = await api.call<ErrorBody>('POST', '/v1/workspaces', {
      key: partner.apiKey,
      body: {
        name: 'Big',
        metadata: {
          blob: 'x'.repeat(400),
          more: 'y'.repeat(400),
          again: 'z'.repeat(400),
          last: 'w'.repeat(400),
          end: 'v'.repeat(400),
        },
      },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    const rows = await api.ownerDb('workspaces').where({ partner_id: partner.partnerId });
    expect(rows).toEqual([]);
  });

  it('rejects malformed JSON with 400 malformed_json', async () => {
    const res = await api.call<ErrorBody>('POST', '/v1/workspaces', {
      key: partner.apiKey,
      rawBody: '{"name": ',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('malformed_json');
  });

  it('rejects a body that is not UTF-8 instead of storing U+FFFD in its place', async () => {
    const own = await createTestPartner(api.ownerDb);
    const res = await api.call<ErrorBody>('POST', '/v1/workspaces', {
      key: own.apiKey,
      rawBody: Buffer.concat([Buffer.from('{"name":"Kopi '), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('malformed_json');
    expect(await api.ownerDb('workspaces').where({ partner_id: own.partnerId })).toEqual([]);
  });

  it('rejects a non-JSON content type with 415', async () => {
    const res = await api.call<ErrorBody>('POST', '/v1/workspaces', {
      key: partner.apiKey,
      rawBody: 'name=x',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
  });

  it('refuses a compressed body with 415 rather than reading it as malformed JSON, storing nothing', async () => {
    const own = await createTestPartner(api.ownerDb);
    const res = await api.call<ErrorBody>('POST', '/v1/workspaces', {
      key: own.apiKey,
      rawBody: gzipSync(JSON.stringify({ name: 'Kopi' })),
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
    });
    expect(res.status).toBe(415);
    expect(res.body.error).toMatchObject({ code: 'unsupported_media_type' });
    expect(res.body.error.message).toContain('gzip');
    expect(await api.ownerDb('workspaces').where({ partner_id: own.partnerId })).toEqual([]);
    // Identity is no encoding at all.
    const plain = await api.call('POST', '/v1/workspaces', {
      key: own.apiKey,
      rawBody: JSON.stringify({ name: 'Kopi' }),
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'identity' },
    });
    expect(plain.status).toBe(201);
  });

  it('asks for a body when a route needs one', async () => {
    const res = await api.call<ErrorBody>('POST', '/v1/workspaces', { key: partner.apiKey });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', param: 'body' });
  });

  it('ignores whatever body is sent to an operation that takes none, as the spec describes it', async () => {
    const key = await api.call<{ id: string }>('POST', '/v1/api-keys', {
      key: partner.apiKey,
      body: { name: 'Revoked with a body' },
    });
    const revoke = (options: { rawBody: string; headers?: Record<string, string> }) =>
      api.call<{ id: string; revoked_at: string | null }>('POST', `/v1/api-keys/${key.body.id}/revoke`, {
        key: partner.apiKey,
        ...options,
      });
    const plain = await revoke({ rawBody: 'revoke it', headers: { 'Content-Type': 'text/plain' } });
    expect(plain.status).toBe(200);
    expect(plain.body.revoked_at).toEqual(expect.any(String));
    expect((await revoke({ rawBody: JSON.stringify({ pad: 'x'.repeat(4096) }) })).status).toBe(200);
    expect((await revoke({ rawBody: '{"half":' })).status).toBe(200);
  });

  it('rejects a JSON body that is not an object', async () => {
    const res = await api.call<ErrorBody>('POST', '/v1/workspaces', { key: partner.apiKey, body: ['name'] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
  });
});

describe('routing', () => {
  it('answers unknown paths with the error shape', async () => {
    const res = await api.call<ErrorBody>('GET', '/v1/nothing-here', { key: partner.apiKey });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('answers a wrong method with 405', async () => {
    const res = await api.call<ErrorBody>('PUT', '/v1/workspaces', { key: partner.apiKey, body: {} });
    expect(res.status).toBe(405);
    expect(res.body.error.code).toBe('method_not_allowed');
    expect(res.headers.get('allow')).toContain('POST');
  });
});

describe('health', () => {
  it('is live and ready with PostgreSQL and Redis up', async () => {
    expect((await api.call('GET', '/healthz')).body).toEqual({ status: 'ok' });
    const ready = await api.call('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { postgres: 'ok', redis: 'ok' } });
  });

  it('is not ready when PostgreSQL is unreachable', async () => {
    const config = testConfig();
    const db = createKnex({
      url: 'postgres://laras_app@127.0.0.1:1/none',
      poolMax: 1,
      applicationName: 'test',
    });
    const redis = createRedis(config.redis.url, 'request', 'test');
    await redis.connect();
    const app = createApp({
      config,
      db,
      redis,
      logger: createLogger({ level: 'silent' }),
      vault: parseKeyRing(config.encryptionKeys),
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const address = server.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${address.port}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        status: 'unavailable',
        checks: { postgres: 'failing', redis: 'ok' },
      });
    } finally {
      server.close();
      await Promise.allSettled([db.destroy(), redis.quit()]);
    }
  });
});
