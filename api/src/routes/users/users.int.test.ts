import type { components } from '@laras/openapi';
import { createTestPartner, startTestApi, type TestApi, type TestPartner } from '@laras/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

type User = components['schemas']['User'];
type UserList = components['schemas']['UserList'];
type SignInLink = components['schemas']['SignInLink'];
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
    body: { name: 'W' },
  });
  workspaceId = ws.body.id;
});

const users = () => `/v1/workspaces/${workspaceId}/users`;
const create = <T = User>(body: unknown, key = partner.apiKey) => api.call<T>('POST', users(), { key, body });

describe('createUser', () => {
  it('creates a user, lowercasing the email, without ever returning the password', async () => {
    const res = await create({
      email: ' Owner@Kopi.Example ',
      name: 'Sari',
      role: 'owner',
      password: 'a long enough password',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^usr_[0-9A-Z]{26}$/),
      workspace_id: workspaceId,
      email: 'owner@kopi.example',
      name: 'Sari',
      role: 'owner',
      has_password: true,
      created_at: expect.any(String),
      last_sign_in_at: null,
    });
    expect(JSON.stringify(res.body)).not.toContain('password_hash');
    const row = await api.ownerDb('users').where({ id: res.body.id }).first();
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain('a long enough password');
  });

  it('creates a user without a password', async () => {
    const res = await create({ email: 'agent@kopi.example', role: 'agent' });
    expect(res.body).toMatchObject({ name: null, role: 'agent', has_password: false });
  });

  it('refuses an email already used within the partner (any workspace) with 409, not across partners', async () => {
    await create({ email: 'dup@kopi.example', role: 'owner' });
    const other = await api.call<{ id: string }>('POST', '/v1/workspaces', {
      key: partner.apiKey,
      body: { name: 'Other' },
    });
    const res = await api.call<ErrorBody>('POST', `/v1/workspaces/${other.body.id}/users`, {
      key: partner.apiKey,
      body: { email: 'DUP@kopi.example', role: 'agent' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'conflict', param: 'email' });

    const stranger = await createTestPartner(api.ownerDb);
    const ws = await api.call<{ id: string }>('POST', '/v1/workspaces', {
      key: stranger.apiKey,
      body: { name: 'S' },
    });
    const theirs = await api.call('POST', `/v1/workspaces/${ws.body.id}/users`, {
      key: stranger.apiKey,
      body: { email: 'dup@kopi.example', role: 'owner' },
    });
    expect(theirs.status).toBe(201);
  });

  it.each([
    [{ role: 'owner' }, 'email'],
    [{ email: 'not-an-email', role: 'owner' }, 'email'],
    [{ email: 'a@b.example', role: 'admin' }, 'role'],
    [{ email: 'a@b.example', role: 'owner', password: 'short' }, 'password'],
    [{ email: 'a@b.example', role: 'owner', password: 'x'.repeat(257) }, 'password'],
    [{ email: 'a@b.example', role: 'owner', extra: 1 }, 'extra'],
  ])('rejects %j naming %s', async (body, param) => {
    const res = await create<ErrorBody>(body);
    expect(res.status).toBe(400);
    expect(res.body.error.param).toBe(param);
    expect(JSON.stringify(res.body)).not.toContain('x'.repeat(20));
  });
});

describe('listUsers / getUser / deleteUser', () => {
  it('lists newest first with cursor pages, gets and deletes', async () => {
    const made: string[] = [];
    for (let i = 0; i < 3; i += 1)
      made.push((await create({ email: `u${i}@kopi.example`, role: 'agent' })).body.id);
    const first = await api.call<UserList>('GET', `${users()}?limit=2`, { key: partner.apiKey });
    expect(first.body.data.map((u) => u.id)).toEqual([made[2], made[1]]);
    expect(first.body.has_more).toBe(true);
    const second = await api.call<UserList>(
      'GET',
      `${users()}?limit=2&cursor=${encodeURIComponent(first.body.next_cursor ?? '')}`,
      { key: partner.apiKey },
    );
    expect(second.body).toMatchObject({ has_more: false, next_cursor: null });
    expect(second.body.data.map((u) => u.id)).toEqual([made[0]]);

    const got = await api.call<User>('GET', `${users()}/${made[0]}`, { key: partner.apiKey });
    expect(got.body).toEqual(second.body.data[0]);

    expect((await api.call('DELETE', `${users()}/${made[0]}`, { key: partner.apiKey })).status).toBe(204);
    expect((await api.call('GET', `${users()}/${made[0]}`, { key: partner.apiKey })).status).toBe(404);
    expect((await api.call('DELETE', `${users()}/${made[0]}`, { key: partner.apiKey })).status).toBe(404);

    // Deleting the workspace deletes its users.
    expect((await api.call('DELETE', `/v1/workspaces/${workspaceId}`, { key: partner.apiKey })).status).toBe(
      204,
    );
    expect(await api.ownerDb('users').where({ workspace_id: workspaceId })).toEqual([]);
  });

  it('keeps another partner out of every user operation (404), changing nothing', async () => {
    const { body: user } = await create({ email: 'mine@kopi.example', role: 'owner' });
    const intruder = await createTestPartner(api.ownerDb);
    const key = intruder.apiKey;
    expect((await api.call('GET', users(), { key })).status).toBe(404);
    expect((await create({ email: 'x@kopi.example', role: 'owner' }, key)).status).toBe(404);
    expect((await api.call('GET', `${users()}/${user.id}`, { key })).status).toBe(404);
    expect((await api.call('DELETE', `${users()}/${user.id}`, { key })).status).toBe(404);
    expect((await api.call('POST', `${users()}/${user.id}/sign-in-links`, { key, body: {} })).status).toBe(
      404,
    );
    // A user of another workspace of the same partner is not under this workspace either.
    const ws2 = await api.call<{ id: string }>('POST', '/v1/workspaces', {
      key: partner.apiKey,
      body: { name: 'W2' },
    });
    expect(
      (await api.call('GET', `/v1/workspaces/${ws2.body.id}/users/${user.id}`, { key: partner.apiKey }))
        .status,
    ).toBe(404);
    const rows = await api.ownerDb('users').where({ workspace_id: workspaceId });
    expect(rows.map((r) => r.id)).toEqual([user.id]);
    expect(await api.ownerDb('sign_in_links').where({ user_id: user.id })).toEqual([]);
  });
});

describe('createSignInLink', () => {
  it('defaults to set_password for a user without one, else sign_in', async () => {
    const { body: fresh } = await create({ email: 'new@kopi.example', role: 'owner' });
    const link = await api.call<SignInLink>('POST', `${users()}/${fresh.id}/sign-in-links`, {
      key: partner.apiKey,
      body: {},
    });
    expect(link.status).toBe(201);
    expect(link.body.purpose).toBe('set_password');
    const url = new URL(link.body.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${api.url}/sign-in`);
    expect(url.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const ttl = Date.parse(link.body.expires_at) - Date.now();
    expect(ttl).toBeGreaterThan(86_000_000);
    expect(ttl).toBeLessThanOrEqual(86_400_000);

    const { body: withPassword } = await create({
      email: 'old@kopi.example',
      role: 'owner',
      password: 'a long enough password',
    });
    const signIn = await api.call<SignInLink>('POST', `${users()}/${withPassword.id}/sign-in-links`, {
      key: partner.apiKey,
      body: {},
    });
    expect(signIn.body.purpose).toBe('sign_in');
    const forced = await api.call<SignInLink>('POST', `${users()}/${withPassword.id}/sign-in-links`, {
      key: partner.apiKey,
      body: { purpose: 'set_password' },
    });
    expect(forced.body.purpose).toBe('set_password');
  });

  it('points at the partner portal hostname when it has one', async () => {
    const hostname = `portal-${Date.now()}.acme.example`;
    const branded = await api.call('PATCH', '/v1/branding', {
      key: partner.apiKey,
      body: { portal_hostnames: [hostname] },
    });
    expect(branded.status).toBe(200);
    const { body: user } = await create({ email: 'branded@kopi.example', role: 'owner' });
    const link = await api.call<SignInLink>('POST', `${users()}/${user.id}/sign-in-links`, {
      key: partner.apiKey,
      body: {},
    });
    const url = new URL(link.body.url);
    expect(url.hostname).toBe(hostname);
    expect(url.port).toBe(new URL(api.url).port);
    expect(url.pathname).toBe('/sign-in');
  });
});
