import type { components } from '@laras/openapi';
import { createTestPartner, startTestApi, type TestApi, type TestPartner } from '@laras/testkit';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

type Branding = components['schemas']['Branding'];
type ErrorBody = components['schemas']['Error'];

let api: TestApi;
let partner: TestPartner;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());
beforeEach(async () => {
  partner = await createTestPartner(api.ownerDb, 'Acme Agency');
});

const patch = <T = Branding>(body: unknown, key = partner.apiKey) =>
  api.call<T>('PATCH', '/v1/branding', { key, body });
const unique = () => Math.random().toString(36).slice(2, 10);

it('defaults the display name to the partner name', async () => {
  const res = await api.call<Branding>('GET', '/v1/branding', { key: partner.apiKey });
  expect(res.body).toEqual({
    display_name: 'Acme Agency',
    logo_url: null,
    primary_color: null,
    support_email: null,
    portal_hostnames: [],
    hostname_verification: {
      record_type: 'TXT',
      record_name: '_laras-verify.{hostname}',
      record_value: expect.stringMatching(/^laras-site-verification=[0-9a-f]{32}$/),
    },
  });
});

it('updates only the given fields and normalises them', async () => {
  const host = `Portal-${unique()}.Acme.example.`;
  const res = await patch({
    display_name: 'Acme Care',
    logo_url: 'https://cdn.acme.example/logo.png',
    primary_color: '#0A7CFF',
    support_email: 'help@acme.example',
    portal_hostnames: [host, host.toLowerCase()],
  });
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    display_name: 'Acme Care',
    logo_url: 'https://cdn.acme.example/logo.png',
    primary_color: '#0a7cff',
    support_email: 'help@acme.example',
    portal_hostnames: [host.toLowerCase().replace(/\.$/, '')],
    hostname_verification: expect.objectContaining({ record_type: 'TXT' }),
  });
  const partial = await patch({ support_email: null });
  expect(partial.body).toMatchObject({
    display_name: 'Acme Care',
    primary_color: '#0a7cff',
    support_email: null,
  });
});

it('refuses a hostname another partner uses with 409, changing nothing', async () => {
  const host = `shared-${unique()}.example.com`;
  await patch({ portal_hostnames: [host] });
  const other = await createTestPartner(api.ownerDb);
  const res = await patch<ErrorBody>({ display_name: 'Other', portal_hostnames: [host] }, other.apiKey);
  expect(res.status).toBe(409);
  expect(res.body.error).toMatchObject({ code: 'conflict', param: 'portal_hostnames' });
  const theirs = await api.call<Branding>('GET', '/v1/branding', { key: other.apiKey });
  expect(theirs.body.display_name).not.toBe('Other');
  const mine = await api.call<Branding>('GET', '/v1/branding', { key: partner.apiKey });
  expect(mine.body.portal_hostnames).toEqual([host]);
});

it.each([
  [{ logo_url: 'http://cdn.example.com/logo.png' }, 'logo_url'],
  [{ logo_url: 'javascript:alert(1)' }, 'logo_url'],
  [{ primary_color: 'blue' }, 'primary_color'],
  [{ support_email: 'not-an-email' }, 'support_email'],
  [{ portal_hostnames: ['https://portal.example.com'] }, 'portal_hostnames[0]'],
  [{ portal_hostnames: ['portal.example.com:8080'] }, 'portal_hostnames[0]'],
  [{ portal_hostnames: ['10.0.0.1'] }, 'portal_hostnames[0]'],
  [{ portal_hostnames: ['*.example.com'] }, 'portal_hostnames[0]'],
  [{}, 'body'],
])('rejects %j at %s', async (body, param) => {
  const res = await patch<ErrorBody>(body);
  expect(res.status).toBe(400);
  expect(res.body.error.param).toBe(param);
});

it("refuses the platform's own hostname with a 400, changing nothing", async () => {
  // An API whose public address has a hostname (the shared one's is an IP literal, refused anyway).
  const platform = await startTestApi({ PUBLIC_URL: 'https://app.laras.example' });
  try {
    const own = await createTestPartner(platform.ownerDb);
    const call = <T>(method: 'GET' | 'PATCH', body?: unknown) =>
      platform.call<T>(method, '/v1/branding', { key: own.apiKey, body });
    await call('PATCH', { portal_hostnames: [`mine-${unique()}.example.com`] });
    const before = await call<Branding>('GET');
    const res = await call<ErrorBody>('PATCH', {
      display_name: 'Taken',
      portal_hostnames: ['App.Laras.example'],
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', param: 'portal_hostnames' });
    expect((await call<Branding>('GET')).body).toEqual(before.body);
    // Any other hostname of that domain is a partner's to claim.
    const sub = await call<Branding>('PATCH', { portal_hostnames: [`help-${unique()}.laras.example`] });
    expect(sub.status).toBe(200);
  } finally {
    await platform.close();
  }
});
