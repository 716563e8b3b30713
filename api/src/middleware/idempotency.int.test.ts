import { createTestPartner, startTestApi, type TestApi, type TestPartner } from '@laras/testkit';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

type Workspace = { id: string; name: string };
type ErrorBody = { error: { code: string; param?: string } };

let api: TestApi;
let partner: TestPartner;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());
beforeEach(async () => {
  partner = await createTestPartner(api.ownerDb);
});

const post = <T>(key: string, body: unknown, apiKey = partner.apiKey, path = '/v1/workspaces') =>
  api.call<T>('POST', path, { key: apiKey, body, headers: { 'Idempotency-Key': key } });

const countWorkspaces = async (partnerId: string) =>
  (await api.ownerDb('workspaces').where({ partner_id: partnerId })).length;

it('replays the first response for the same key and body, creating one workspace', async () => {
  const first = await post<Workspace>('create-1', { name: 'Once' });
  const second = await post<Workspace>('create-1', { name: 'Once' });
  expect(first.status).toBe(201);
  expect(second.status).toBe(201);
  expect(second.body).toEqual(first.body);
  expect(second.headers.get('idempotent-replayed')).toBe('true');
  expect(first.headers.get('idempotent-replayed')).toBeNull();
  expect(await countWorkspaces(partner.partnerId)).toBe(1);
});

it('rejects the same key with another body, or on another path, with 409', async () => {
  await post('create-2', { name: 'First' });
  const otherBody = await post<ErrorBody>('create-2', { name: 'Second' });
  expect(otherBody.status).toBe(409);
  expect(otherBody.body.error).toMatchObject({ code: 'idempotency_key_reused', param: 'Idempotency-Key' });
  const otherPath = await post<ErrorBody>('create-2', { name: 'First' }, partner.apiKey, '/v1/api-keys');
  expect(otherPath.status).toBe(409);
  expect(await countWorkspaces(partner.partnerId)).toBe(1);
});

it('keeps keys per partner', async () => {
  const other = await createTestPartner(api.ownerDb);
  const mine = await post<Workspace>('shared-key', { name: 'Mine' });
  const theirs = await post<Workspace>('shared-key', { name: 'Theirs' }, other.apiKey);
  expect(theirs.status).toBe(201);
  expect(theirs.body.id).not.toBe(mine.body.id);
});

it('does not store failed requests, so a corrected retry is not blocked', async () => {
  const invalid = await post<ErrorBody>('retry-me', { name: '' });
  expect(invalid.status).toBe(400);
  const again = await post<ErrorBody>('retry-me', { name: '' });
  expect(again.status).toBe(400);
  expect(again.headers.get('idempotent-replayed')).toBeNull();
  const fixed = await post<Workspace>('retry-me', { name: 'Fixed' });
  expect(fixed.status).toBe(201);
});

it('keeps a key for at least 24 hours and frees it after it expires', async () => {
  await post('expiring', { name: 'Before' });
  const row = await api
    .ownerDb('idempotency_keys')
    .where({ partner_id: partner.partnerId, key: 'expiring' })
    .first();
  const ttlHours = (row.expires_at.getTime() - row.created_at.getTime()) / 3_600_000;
  expect(ttlHours).toBeGreaterThanOrEqual(24);

  await api
    .ownerDb('idempotency_keys')
    .where({ partner_id: partner.partnerId, key: 'expiring' })
    .update({ expires_at: new Date(Date.now() - 1000) });
  const reused = await post<Workspace>('expiring', { name: 'After' });
  expect(reused.status).toBe(201);
  expect(reused.body.name).toBe('After');
});

it('answers 409 while the first request is still running, and lets a retry take over a dead one', async () => {
  const { createHash } = await import('node:crypto');
  const body = JSON.stringify({ name: 'Racing' });
  const hash = createHash('sha256').update('POST\n/v1/workspaces\n').update(body).digest('hex');
  await api.ownerDb('idempotency_keys').insert({
    partner_id: partner.partnerId,
    key: 'racing',
    method: 'POST',
    path: '/v1/workspaces',
    request_hash: hash,
    state: 'in_progress',
    expires_at: new Date(Date.now() + 86_400_000),
  });
  const busy = await api.call<ErrorBody>('POST', '/v1/workspaces', {
    key: partner.apiKey,
    rawBody: body,
    headers: { 'Idempotency-Key': 'racing' },
  });
  expect(busy.status).toBe(409);
  expect(busy.body.error.code).toBe('idempotency_key_in_progress');
  expect(busy.headers.get('retry-after')).toBe('1');

  await api
    .ownerDb('idempotency_keys')
    .where({ partner_id: partner.partnerId, key: 'racing' })
    .update({ created_at: new Date(Date.now() - 120_000) });
  const retried = await api.call<Workspace>('POST', '/v1/workspaces', {
    key: partner.apiKey,
    rawBody: body,
    headers: { 'Idempotency-Key': 'racing' },
  });
  expect(retried.status).toBe(201);
});

it('rejects an unusable key', async () => {
  const res = await post<ErrorBody>('x'.repeat(256), { name: 'Long key' });
  expect(res.status).toBe(400);
  expect(res.body.error.param).toBe('Idempotency-Key');
});

it('keeps a secret shown once out of the stored response, and still replays it', async () => {
  type Created = { id: string; secret: string };
  const first = await post<Created>('new-key', { name: 'CI' }, partner.apiKey, '/v1/api-keys');
  expect(first.status).toBe(201);
  const stored = await api
    .ownerDb('idempotency_keys')
    .where({ partner_id: partner.partnerId, key: 'new-key' })
    .first();
  expect(JSON.stringify(stored.response_body)).not.toContain(first.body.secret);
  const replay = await post<Created>('new-key', { name: 'CI' }, partner.apiKey, '/v1/api-keys');
  expect(replay.body).toEqual(first.body);
  expect(replay.headers.get('idempotent-replayed')).toBe('true');
});

it('answers a committed response even when storing it for replay fails, and keeps the key claimed', async () => {
  // Storing this key's response fails inside PostgreSQL, after the workspace was committed.
  await api.ownerDb.raw(`
    create function test_refuse_completion() returns trigger language plpgsql as $$
    begin
      if new.key = 'unrecordable' and new.state = 'completed' then
        raise exception 'storage refused';
      end if;
      return new;
    end $$;
    create trigger test_refuse_completion before update on idempotency_keys
      for each row execute function test_refuse_completion();`);
  try {
    const created = await post<Workspace>('unrecordable', { name: 'Committed' });
    expect(created.status).toBe(201);
    expect(created.body.name).toBe('Committed');
    expect(await countWorkspaces(partner.partnerId)).toBe(1);

    const retried = await post<ErrorBody>('unrecordable', { name: 'Committed' });
    expect(retried.status).toBe(409);
    expect(retried.body.error.code).toBe('idempotency_key_in_progress');
    expect(await countWorkspaces(partner.partnerId)).toBe(1);
  } finally {
    await api.ownerDb.raw(
      'drop trigger test_refuse_completion on idempotency_keys; drop function test_refuse_completion();',
    );
  }
});

it('records the response on a second try when the first write fails, so a retry replays it', async () => {
  // The first try to store this key's response fails (a sequence is not undone with its transaction).
  await api.ownerDb.raw(`
    create sequence test_completion_tries;
    create function test_refuse_first_completion() returns trigger language plpgsql security definer as $$
    begin
      if new.key = 'blip' and new.state = 'completed' and nextval('test_completion_tries') = 1 then
        raise exception 'storage blip';
      end if;
      return new;
    end $$;
    create trigger test_refuse_first_completion before update on idempotency_keys
      for each row execute function test_refuse_first_completion();`);
  try {
    const created = await post<Workspace>('blip', { name: 'Once' });
    expect(created.status).toBe(201);
    const replayed = await post<Workspace>('blip', { name: 'Once' });
    expect(replayed.status).toBe(201);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body).toEqual(created.body);
    expect(await countWorkspaces(partner.partnerId)).toBe(1);
  } finally {
    await api.ownerDb.raw(`
      drop trigger test_refuse_first_completion on idempotency_keys;
      drop function test_refuse_first_completion();
      drop sequence test_completion_tries;`);
  }
});
