/**
 * A partner adds a portal hostname only with a DNS TXT record proving it controls it. The API under
 * test asks its own DNS stand-in (`api.dns`), never the real DNS.
 */
import type { components } from '@laras/openapi';
import { createTestPartner, startTestApi, type TestApi, type TestPartner } from '@laras/testkit';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

type Branding = components['schemas']['Branding'];
type ErrorBody = components['schemas']['Error'];

let api: TestApi;
let partner: TestPartner;
let value: string;

beforeAll(async () => {
  // A short DNS timeout: one test waits it out.
  api = await startTestApi({ DNS_TIMEOUT_MS: '400' });
});
afterAll(() => api.close());
beforeEach(async () => {
  partner = await createTestPartner(api.ownerDb, 'Agency Y');
  value = (await get()).hostname_verification.record_value;
});

const get = async (key = partner.apiKey) => (await api.call<Branding>('GET', '/v1/branding', { key })).body;
const patch = <T = Branding>(body: unknown, key = partner.apiKey) =>
  api.call<T>('PATCH', '/v1/branding', { key, body });
const unique = () => Math.random().toString(36).slice(2, 10);
/** A hostname on a public domain, which needs its record. */
const publicHost = () => `help.agency-${unique()}.com`;
const recordOf = (hostname: string) => `_laras-verify.${hostname}`;
const asked = (name: string) => api.dns.questions().filter((q) => q.name === name).length;

it('publishes a stable value of its own to every partner, and the record to put it in', async () => {
  const branding = await get();
  expect(branding.hostname_verification).toEqual({
    record_type: 'TXT',
    record_name: '_laras-verify.{hostname}',
    record_value: expect.stringMatching(/^laras-site-verification=[0-9a-f]{32}$/),
  });
  expect((await get()).hostname_verification.record_value).toBe(value);
  const other = await createTestPartner(api.ownerDb);
  expect((await get(other.apiKey)).hostname_verification.record_value).not.toBe(value);
});

it('adds a hostname whose TXT record carries the partner value, among other records', async () => {
  const host = publicHost();
  api.dns.setTxt(recordOf(host), ['v=spf1 -all', value]);
  const res = await patch({ display_name: 'Agency Y Care', portal_hostnames: [host] });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ display_name: 'Agency Y Care', portal_hostnames: [host] });
  expect(res.body.hostname_verification.record_value).toBe(value);
  expect(asked(recordOf(host))).toBeGreaterThan(0);
});

it('refuses a hostname without the record (400 naming the record and value), changing nothing', async () => {
  const host = publicHost();
  const before = await get();
  const res = await patch<ErrorBody>({
    display_name: 'Claimed',
    portal_hostnames: [`portal-${unique()}.test`, host.toUpperCase()],
  });
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject({ code: 'hostname_not_verified', param: 'portal_hostnames[1]' });
  expect(res.body.error.message).toContain(`"${recordOf(host)}"`);
  expect(res.body.error.message).toContain(`"${value}"`);
  expect(res.body.error.issues).toEqual([{ path: 'portal_hostnames[1]', message: res.body.error.message }]);
  expect(await get()).toEqual(before);

  // A name without TXT records is no better than no name at all.
  api.dns.setTxt(recordOf(host), []);
  const empty = await patch<ErrorBody>({ portal_hostnames: [host] });
  expect(empty.status).toBe(400);
  expect(empty.body.error.code).toBe('hostname_not_verified');
});

it("never verifies a hostname with another partner's value (cross-tenant)", async () => {
  const other = await createTestPartner(api.ownerDb, 'Agency X');
  const host = publicHost();
  api.dns.setTxt(recordOf(host), [value]);
  // Y published its own value; X cannot ride on it.
  const res = await patch<ErrorBody>({ display_name: 'Agency X', portal_hostnames: [host] }, other.apiKey);
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject({ code: 'hostname_not_verified', param: 'portal_hostnames[0]' });
  expect(res.body.error.message).toContain("do not include this partner's value");
  expect(res.body.error.message).not.toContain(value);
  expect(await get(other.apiKey)).toMatchObject({ display_name: 'Agency X', portal_hostnames: [] });
  // Whereas Y, whose value it is, gets it.
  expect((await patch({ portal_hostnames: [host] })).status).toBe(200);
});

it('lists every unverified hostname of a request, each at its place in the request', async () => {
  const [a, b] = [publicHost(), publicHost()];
  const res = await patch<ErrorBody>({ portal_hostnames: [a, b] });
  expect(res.status).toBe(400);
  expect(res.body.error.issues?.map((issue) => issue.path)).toEqual([
    'portal_hostnames[0]',
    'portal_hostnames[1]',
  ]);
  // A hostname given twice (the same once normalised) is checked once, at its first place.
  const twice = await patch<ErrorBody>({ portal_hostnames: [a.toUpperCase(), a, b] });
  expect(twice.body.error.issues?.map((issue) => issue.path)).toEqual([
    'portal_hostnames[0]',
    'portal_hostnames[2]',
  ]);
});

it.each([
  'localhost',
  `p-${unique()}.localhost`,
  `p-${unique()}.laras.test`,
  `p-${unique()}.agency.example`,
  `p-${unique()}.invalid`,
  'example.org',
  `p-${unique()}.example.com`,
  `p-${unique()}.example.net`,
])('needs no record for the reserved name %s', async (host) => {
  const res = await patch({ portal_hostnames: [host] });
  expect(res.status).toBe(200);
  expect(res.body.portal_hostnames).toEqual([host]);
  expect(asked(recordOf(host))).toBe(0);
  await patch({ portal_hostnames: [] }); // the fixed names are free for the next test
});

it('still refuses with 409 a hostname another partner verified first, even when both values are published', async () => {
  const host = publicHost();
  api.dns.setTxt(recordOf(host), [value]);
  expect((await patch({ portal_hostnames: [host] })).status).toBe(200);
  const other = await createTestPartner(api.ownerDb);
  const theirs = (await get(other.apiKey)).hostname_verification.record_value;
  api.dns.setTxt(recordOf(host), [value, theirs]);
  const res = await patch<ErrorBody>({ display_name: 'Other', portal_hostnames: [host] }, other.apiKey);
  expect(res.status).toBe(409);
  expect(res.body.error).toMatchObject({ code: 'conflict', param: 'portal_hostnames' });
  expect((await get()).portal_hostnames).toEqual([host]);
  expect((await get(other.apiKey)).display_name).not.toBe('Other');
});

it('takes a hostname from a partner that no longer proves control of it: a claim older than proofs, a domain that changed hands', async () => {
  // A claim made before proofs were asked for: the holder never published a record.
  const legacy = publicHost();
  const squatter = await createTestPartner(api.ownerDb, 'Squatter');
  await api.ownerDb('partner_hostnames').insert({ hostname: legacy, partner_id: squatter.partnerId });
  api.dns.setTxt(recordOf(legacy), [value]);
  expect((await patch({ portal_hostnames: [legacy] })).status).toBe(200);
  expect((await get()).portal_hostnames).toEqual([legacy]);
  expect((await get(squatter.apiKey)).portal_hostnames).toEqual([]);

  // A proven holder whose domain changed hands: the record now carries only the new owner's value.
  const sold = publicHost();
  const previous = await createTestPartner(api.ownerDb, 'Previous owner');
  const previousValue = (await get(previous.apiKey)).hostname_verification.record_value;
  api.dns.setTxt(recordOf(sold), [previousValue]);
  expect((await patch({ portal_hostnames: [sold] }, previous.apiKey)).status).toBe(200);
  api.dns.setTxt(recordOf(sold), [value]);
  expect((await patch({ portal_hostnames: [legacy, sold] })).status).toBe(200);
  expect((await get()).portal_hostnames).toEqual([legacy, sold].sort());
  expect((await get(previous.apiKey)).portal_hostnames).toEqual([]);

  // Each partner that lost a hostname is told which (an event about the partner: no workspace);
  // the partner that took them is told nothing.
  const released = (partnerId: string) =>
    api
      .ownerDb('events')
      .where({ partner_id: partnerId, type: 'portal_hostname.released' })
      .select('workspace_id', 'data');
  expect(await released(squatter.partnerId)).toEqual([
    { workspace_id: null, data: { hostname: legacy, reason: 'verification_record_missing' } },
  ]);
  expect(await released(previous.partnerId)).toEqual([
    { workspace_id: null, data: { hostname: sold, reason: 'verification_record_missing' } },
  ]);
  expect(await released(partner.partnerId)).toEqual([]);

  // Without the claimant's own proof nothing is taken.
  const kept = publicHost();
  await api.ownerDb('partner_hostnames').insert({ hostname: kept, partner_id: squatter.partnerId });
  api.dns.setTxt(recordOf(kept), ['laras-site-verification=0123456789abcdef0123456789abcdef']);
  expect((await patch<ErrorBody>({ portal_hostnames: [kept] })).status).toBe(400);
  expect((await get(squatter.apiKey)).portal_hostnames).toEqual([kept]);
  expect(await released(squatter.partnerId)).toHaveLength(1);
});

it('releases nothing, and tells nobody, when the request that would take a hostname fails (409 on another)', async () => {
  // `unproven` could be taken (its holder publishes nothing); `proven` is still its holder's.
  const [unproven, proven] = [publicHost(), publicHost()];
  const squatter = await createTestPartner(api.ownerDb, 'Squatter');
  await api.ownerDb('partner_hostnames').insert({ hostname: unproven, partner_id: squatter.partnerId });
  const holder = await createTestPartner(api.ownerDb, 'Holder');
  const holderValue = (await get(holder.apiKey)).hostname_verification.record_value;
  api.dns.setTxt(recordOf(proven), [holderValue]);
  expect((await patch({ portal_hostnames: [proven] }, holder.apiKey)).status).toBe(200);
  api.dns.setTxt(recordOf(unproven), [value]);
  api.dns.setTxt(recordOf(proven), [holderValue, value]);

  const res = await patch<ErrorBody>({ portal_hostnames: [unproven, proven] });
  expect(res.status).toBe(409);
  expect((await get(squatter.apiKey)).portal_hostnames).toEqual([unproven]);
  expect(await api.ownerDb('events').where({ partner_id: squatter.partnerId })).toEqual([]);
  // Alone, it is taken.
  expect((await patch({ portal_hostnames: [unproven] })).status).toBe(200);
  expect((await get(squatter.apiKey)).portal_hostnames).toEqual([]);
  expect(await api.ownerDb('events').where({ partner_id: squatter.partnerId })).toHaveLength(1);
});

it('does not check held hostnames again on unrelated edits', async () => {
  const [held, reserved] = [publicHost(), `p-${unique()}.test`];
  api.dns.setTxt(recordOf(held), [value]);
  expect((await patch({ portal_hostnames: [held, reserved] })).status).toBe(200);
  // The record is gone (or DNS is down): edits that keep the hostname do not need it.
  api.dns.clear(recordOf(held));
  api.dns.fail(recordOf(held), 'servfail');
  const questions = asked(recordOf(held));
  expect((await patch({ primary_color: '#112233' })).status).toBe(200);
  const kept = await patch({ display_name: 'Renamed', portal_hostnames: [reserved, held.toUpperCase()] });
  expect(kept.status).toBe(200);
  expect(kept.body).toMatchObject({ display_name: 'Renamed', portal_hostnames: [held, reserved].sort() });
  expect((await patch({ portal_hostnames: [reserved] })).body.portal_hostnames).toEqual([reserved]);
  expect(asked(recordOf(held))).toBe(questions);
  // Once removed, it is an added hostname again: checked (and now refused, DNS failing).
  expect((await patch({ portal_hostnames: [reserved, held] })).status).toBe(503);
});

it.each([
  ['servfail', 'SERVFAIL'],
  ['refused', 'REFUSED'],
  ['silence', 'timed out'],
] as const)('answers 503 when the DNS lookup fails (%s), changing nothing', async (fault, reason) => {
  const host = publicHost();
  api.dns.setTxt(recordOf(host), [value]);
  api.dns.fail(recordOf(host), fault);
  const before = await get();
  const res = await patch<ErrorBody>({ display_name: 'Changed', portal_hostnames: [host] });
  expect(res.status).toBe(503);
  expect(res.body.error).toMatchObject({ code: 'service_unavailable', param: 'portal_hostnames[0]' });
  expect(res.body.error.message).toContain(recordOf(host));
  expect(res.body.error.message).toContain(reason);
  expect(await get()).toEqual(before);
  // Once DNS answers, the same request succeeds.
  api.dns.clear(recordOf(host));
  api.dns.setTxt(recordOf(host), [value]);
  expect((await patch({ display_name: 'Changed', portal_hostnames: [host] })).status).toBe(200);
});

it('prefers the 400 of a missing record to the 503 of a failed lookup in one request', async () => {
  const [missing, failing] = [publicHost(), publicHost()];
  api.dns.fail(recordOf(failing), 'servfail');
  const res = await patch<ErrorBody>({ portal_hostnames: [failing, missing] });
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject({ code: 'hostname_not_verified', param: 'portal_hostnames[1]' });
});
