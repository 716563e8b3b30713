import { open, parseKeyRing } from '@laras/core/vault';
import { secretBinding } from '@laras/core/webhook-endpoints';
import type { components } from '@laras/openapi';
import { createTestPartner, startTestApi, type TestApi, type TestPartner } from '@laras/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

type Endpoint = components['schemas']['WebhookEndpoint'];
type EndpointWithSecret = components['schemas']['WebhookEndpointWithSecret'];
type EndpointList = components['schemas']['WebhookEndpointList'];
type AttemptList = components['schemas']['WebhookAttemptList'];
type ErrorBody = components['schemas']['Error'];

const PUBLIC_URL = 'https://93.184.215.14/hooks';

let api: TestApi;
let partner: TestPartner;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());
beforeEach(async () => {
  partner = await createTestPartner(api.ownerDb);
});

function create(body: Record<string, unknown>, key = partner.apiKey) {
  return api.call<EndpointWithSecret & ErrorBody>('POST', '/v1/webhook-endpoints', { key, body });
}

it('creates an endpoint whose secret is shown once and stored only sealed', async () => {
  const created = await create({ url: PUBLIC_URL, event_types: ['message.received'], description: 'CRM' });
  expect(created.status).toBe(201);
  expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  expect(Buffer.from(created.body.secret.slice(6), 'base64')).toHaveLength(32);
  expect(created.body).toMatchObject({
    url: PUBLIC_URL,
    event_types: ['message.received'],
    description: 'CRM',
    disabled: false,
    disabled_reason: null,
  });
  const row = await api.ownerDb('webhook_endpoints').where({ id: created.body.id }).first();
  expect(JSON.stringify(row)).not.toContain(created.body.secret.slice(6));

  const listed = await api.call<EndpointList>('GET', '/v1/webhook-endpoints', { key: partner.apiKey });
  expect(listed.body.data.map((e) => e.id)).toEqual([created.body.id]);
  expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
  const got = await api.call<Endpoint>('GET', `/v1/webhook-endpoints/${created.body.id}`, {
    key: partner.apiKey,
  });
  expect(got.body).not.toHaveProperty('secret');
});

it('pages endpoints with a cursor, newest first', async () => {
  const ids: string[] = [];
  for (const n of [1, 2, 3]) ids.push((await create({ url: `${PUBLIC_URL}/${n}` })).body.id);
  const first = await api.call<EndpointList>('GET', '/v1/webhook-endpoints?limit=2', { key: partner.apiKey });
  expect(first.body.data.map((e) => e.id)).toEqual([ids[2], ids[1]]);
  expect(first.body.has_more).toBe(true);
  const second = await api.call<EndpointList>(
    'GET',
    `/v1/webhook-endpoints?limit=2&cursor=${first.body.next_cursor}`,
    { key: partner.apiKey },
  );
  expect(second.body).toEqual({
    data: [expect.objectContaining({ id: ids[0] })],
    has_more: false,
    next_cursor: null,
  });
});

it('changes, disables, enables and deletes an endpoint', async () => {
  const { id } = (await create({ url: PUBLIC_URL })).body;
  const path = `/v1/webhook-endpoints/${id}`;
  const changed = await api.call<Endpoint>('PATCH', path, {
    key: partner.apiKey,
    body: { url: `${PUBLIC_URL}/v2`, event_types: ['draft.created', 'draft.created'], description: 'v2' },
  });
  expect(changed.status).toBe(200);
  expect(changed.body).toMatchObject({
    url: `${PUBLIC_URL}/v2`,
    event_types: ['draft.created'],
    description: 'v2',
  });
  const disabled = await api.call<Endpoint>('PATCH', path, { key: partner.apiKey, body: { disabled: true } });
  expect(disabled.body).toMatchObject({ disabled: true, disabled_reason: 'manual' });
  const enabled = await api.call<Endpoint>('PATCH', path, {
    key: partner.apiKey,
    body: { disabled: false, event_types: null },
  });
  expect(enabled.body).toMatchObject({ disabled: false, disabled_reason: null, event_types: null });
  expect((await api.call('PATCH', path, { key: partner.apiKey, body: {} })).status).toBe(400);
  expect((await api.call('DELETE', path, { key: partner.apiKey })).status).toBe(204);
  expect((await api.call('GET', path, { key: partner.apiKey })).status).toBe(404);
  expect((await api.call('DELETE', path, { key: partner.apiKey })).status).toBe(404);
});

it('rotates the secret: a new one once, the old one kept for 24 hours', async () => {
  const created = (await create({ url: PUBLIC_URL })).body;
  const before = Date.now();
  const rotated = await api.call<EndpointWithSecret>(
    'POST',
    `/v1/webhook-endpoints/${created.id}/rotate-secret`,
    {
      key: partner.apiKey,
    },
  );
  expect(rotated.status).toBe(200);
  expect(rotated.body.secret).toMatch(/^whsec_/);
  expect(rotated.body.secret).not.toBe(created.secret);
  const expires = Date.parse(rotated.body.previous_secret_expires_at ?? '');
  expect(expires - before).toBeGreaterThanOrEqual(24 * 3600 * 1000 - 1000);
  expect(expires - before).toBeLessThanOrEqual(24 * 3600 * 1000 + 60_000);
});

it("loses no secret when two rotations run at once: the later keeps the earlier one's as previous", async () => {
  const created = (await create({ url: PUBLIC_URL })).body;
  const rotate = () =>
    api.call<EndpointWithSecret>('POST', `/v1/webhook-endpoints/${created.id}/rotate-secret`, {
      key: partner.apiKey,
    });
  // Both rotations start while another transaction holds the row, and both wait for it; released,
  // they must run one after the other, not both from the secret they would have read first.
  const trx = await api.ownerDb.transaction();
  let results: Awaited<ReturnType<typeof rotate>>[];
  try {
    await trx('webhook_endpoints').where({ id: created.id }).forUpdate();
    const { rows } = await trx.raw<{ rows: Array<{ xid: string }> }>(
      'select backend_xid::text as xid from pg_stat_activity where pid = pg_backend_pid()',
    );
    const pending = Promise.all([rotate(), rotate()]);
    // The first waits for the holder's transaction, the second behind it for the row's tuple lock.
    await vi.waitFor(
      async () => {
        const waiting = await api.ownerDb.raw<{ rows: unknown[] }>(
          `select 1 from pg_locks where not granted
              and ((locktype = 'transactionid' and transactionid::text = ?)
                or (locktype = 'tuple' and relation = 'webhook_endpoints'::regclass))`,
          [rows[0]?.xid ?? ''],
        );
        expect(waiting.rows).toHaveLength(2);
      },
      { timeout: 10_000, interval: 10 },
    );
    await trx.commit();
    results = await pending;
  } finally {
    if (!trx.isCompleted()) await trx.rollback();
  }
  expect(results.map((r) => r.status)).toEqual([200, 200]);
  const secrets = results.map((r) => r.body.secret);
  const row = await api.ownerDb('webhook_endpoints').where({ id: created.id }).first();
  const ring = parseKeyRing(api.config.encryptionKeys);
  const current = open(ring, row.secret_ciphertext, secretBinding(created.id));
  const previous = open(ring, row.previous_secret_ciphertext, secretBinding(created.id));
  expect(secrets).toContain(current);
  expect(previous).not.toBe(created.secret);
  expect(previous).toBe(secrets.find((secret) => secret !== current));
});

it('lists no attempts for a new endpoint', async () => {
  const { id } = (await create({ url: PUBLIC_URL })).body;
  const attempts = await api.call<AttemptList>('GET', `/v1/webhook-endpoints/${id}/attempts`, {
    key: partner.apiKey,
  });
  expect(attempts.body).toEqual({ data: [], has_more: false, next_cursor: null });
});

describe('SSRF: endpoints must be on the public internet', () => {
  it.each([
    ['ftp://93.184.215.14/x', /http or https/],
    ['file:///etc/passwd', /http or https/],
    ['not a url', /absolute http/],
    ['https://user:pw@93.184.215.14/x', /credentials/],
    ['http://127.0.0.1:8080/x', /127\.0\.0\.1 \(loopback\)/],
    ['http://localhost:8080/x', /localhost resolves to .* \(loopback\)/],
    ['http://[::1]/x', /::1 \(loopback\)/],
    ['http://10.1.2.3/x', /private/],
    ['http://172.20.0.1/x', /private/],
    ['http://192.168.0.10/x', /private/],
    ['http://100.64.1.1/x', /carrierGradeNat/],
    ['http://[fd00::5]/x', /uniqueLocal/],
    ['http://169.254.169.254/latest/meta-data', /linkLocal/],
    ['http://[fe80::1]/x', /linkLocal/],
    ['http://0.0.0.0/x', /unspecified/],
    ['http://224.0.0.5/x', /multicast/],
    ['http://[::ffff:169.254.169.254]/x', /linkLocal/],
    ['https://no-such-host.invalid/x', /does not resolve/],
  ])('refuses %s with 400 on url', async (url, message) => {
    const res = await create({ url });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.param).toBe('url');
    expect(res.body.error.message).toMatch(message);
  });

  it('refuses a forbidden address on update too', async () => {
    const { id } = (await create({ url: PUBLIC_URL })).body;
    const res = await api.call<ErrorBody>('PATCH', `/v1/webhook-endpoints/${id}`, {
      key: partner.apiKey,
      body: { url: 'http://169.254.169.254/' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.param).toBe('url');
  });
});

describe('with LARAS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS=true', () => {
  let devApi: TestApi;
  beforeAll(async () => {
    devApi = await startTestApi({ LARAS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true' });
  });
  afterAll(() => devApi.close());

  it('accepts loopback and private addresses but never link-local or metadata', async () => {
    for (const url of ['http://127.0.0.1:9/x', 'http://localhost:9/x', 'http://10.0.0.7/x']) {
      const res = await devApi.call('POST', '/v1/webhook-endpoints', { key: partner.apiKey, body: { url } });
      expect(res.status, url).toBe(201);
    }
    for (const url of ['http://169.254.169.254/', 'http://[fe80::1]/']) {
      const res = await devApi.call('POST', '/v1/webhook-endpoints', { key: partner.apiKey, body: { url } });
      expect(res.status, url).toBe(400);
    }
  });
});

it("keeps another partner's endpoint a 404 on every route", async () => {
  const { id } = (await create({ url: PUBLIC_URL })).body;
  const intruder = await createTestPartner(api.ownerDb);
  const key = intruder.apiKey;
  const base = `/v1/webhook-endpoints/${id}`;
  expect((await api.call('GET', base, { key })).status).toBe(404);
  expect((await api.call('PATCH', base, { key, body: { disabled: true } })).status).toBe(404);
  expect((await api.call('PATCH', base, { key, body: { url: PUBLIC_URL } })).status).toBe(404);
  expect((await api.call('POST', `${base}/rotate-secret`, { key })).status).toBe(404);
  expect((await api.call('GET', `${base}/attempts`, { key })).status).toBe(404);
  expect((await api.call('DELETE', base, { key })).status).toBe(404);
  const listed = await api.call<EndpointList>('GET', '/v1/webhook-endpoints', { key });
  expect(listed.body.data).toEqual([]);
  const mine = await api.call<Endpoint>('GET', base, { key: partner.apiKey });
  expect(mine.body).toMatchObject({ disabled: false, url: PUBLIC_URL });
});
