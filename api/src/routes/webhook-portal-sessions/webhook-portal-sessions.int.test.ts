/**
 * The Svix App Portal link and the built-in endpoint routes, with Svix configured (the stand-in)
 * and without: each partner gets only its own application's portal; the endpoint routes answer 409
 * while Svix manages endpoints, and the portal route answers 409 without Svix.
 */
import {
  createTestPartner,
  type SvixStandIn,
  startSvixStandIn,
  startTestApi,
  type TestApi,
} from '@laras/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Session = { url: string; expires_at: string };
type ErrorBody = { error: { code: string; message: string } };

let standIn: SvixStandIn;
let withSvix: TestApi;
let builtIn: TestApi;
const logLines: string[] = [];

beforeAll(async () => {
  standIn = await startSvixStandIn();
  withSvix = await startTestApi({ SVIX_API_KEY: standIn.token, SVIX_SERVER_URL: standIn.url }, { logLines });
  builtIn = await startTestApi();
});
afterAll(async () => {
  await withSvix?.close();
  await builtIn?.close();
  await standIn?.close();
});

describe('POST /v1/webhook-portal-sessions with Svix', () => {
  it("answers the App Portal link of the caller's own application, creating it once", async () => {
    const owner = await createTestPartner(withSvix.ownerDb, 'Portal Agency');
    const intruder = await createTestPartner(withSvix.ownerDb, 'Other Agency');
    const before = Date.now();
    const first = await withSvix.call<Session>('POST', '/v1/webhook-portal-sessions', { key: owner.apiKey });
    expect(first.status).toBe(201);
    expect(first.body.url).toMatch(new RegExp(`^${standIn.url}/app-portal/${owner.partnerId}#key=`));
    const expiresAt = Date.parse(first.body.expires_at);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 3600_000 - 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 3600_000);

    const again = await withSvix.call<Session>('POST', '/v1/webhook-portal-sessions', { key: owner.apiKey });
    expect(again.status).toBe(201);
    const creates = standIn.calls.filter(
      (c) => c.path === '/api/v1/app' && (c.body as { uid?: string }).uid === owner.partnerId,
    );
    expect(creates).toHaveLength(1);
    expect(creates[0]?.body).toEqual({ name: 'Portal Agency', uid: owner.partnerId });
    const row = await withSvix
      .ownerDb('partners')
      .where({ id: owner.partnerId })
      .first('svix_app_created_at');
    expect(row?.svix_app_created_at).toBeInstanceOf(Date);

    // Another partner's key opens only that partner's application.
    const other = await withSvix.call<Session>('POST', '/v1/webhook-portal-sessions', {
      key: intruder.apiKey,
    });
    expect(other.status).toBe(201);
    expect(other.body.url).toMatch(new RegExp(`/app-portal/${intruder.partnerId}#`));
    expect(other.body.url).not.toContain(owner.partnerId);
    const portalCalls = standIn.calls.filter((c) => c.path.startsWith('/api/v1/auth/app-portal-access/'));
    expect(portalCalls.map((c) => c.path)).toEqual([
      `/api/v1/auth/app-portal-access/${owner.partnerId}`,
      `/api/v1/auth/app-portal-access/${owner.partnerId}`,
      `/api/v1/auth/app-portal-access/${intruder.partnerId}`,
    ]);
    expect(portalCalls[0]?.body).toEqual({ expiry: 3600 });
  });

  it('answers 503 when Svix fails, without its details', async () => {
    const partner = await createTestPartner(withSvix.ownerDb);
    standIn.fail(1, 500, 'database on fire');
    const res = await withSvix.call<ErrorBody>('POST', '/v1/webhook-portal-sessions', {
      key: partner.apiKey,
    });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('service_unavailable');
    expect(JSON.stringify(res.body)).not.toContain('on fire');
    expect(logLines.some((line) => line.includes('service_unavailable'))).toBe(true);
    // The Svix API key never reaches a log line, nor does an App Portal credential.
    expect(logLines.filter((line) => line.includes(standIn.token) || line.includes('#key='))).toEqual([]);
  });

  it('answers 409 on every built-in endpoint route, pointing to the App Portal', async () => {
    const partner = await createTestPartner(withSvix.ownerDb);
    const endpointId = 'whe_01AAAAAAAAAAAAAAAAAAAAAAAA';
    const calls: Array<[string, string, unknown]> = [
      ['GET', '/v1/webhook-endpoints', undefined],
      ['POST', '/v1/webhook-endpoints', { url: 'https://93.184.215.14/hooks' }],
      ['GET', `/v1/webhook-endpoints/${endpointId}`, undefined],
      ['PATCH', `/v1/webhook-endpoints/${endpointId}`, { disabled: true }],
      ['DELETE', `/v1/webhook-endpoints/${endpointId}`, undefined],
      ['POST', `/v1/webhook-endpoints/${endpointId}/rotate-secret`, undefined],
      ['GET', `/v1/webhook-endpoints/${endpointId}/attempts`, undefined],
      ['POST', `/v1/webhook-endpoints/${endpointId}/recover`, { since: '2026-01-01T00:00:00Z' }],
      ['POST', `/v1/webhook-endpoints/${endpointId}/events/evt_01AAAAAAAAAAAAAAAAAAAAAAAA/resend`, undefined],
    ];
    for (const [method, path, body] of calls) {
      const res = await withSvix.call<ErrorBody>(method, path, { key: partner.apiKey, body });
      expect(res.status, `${method} ${path}`).toBe(409);
      expect(res.body.error.code).toBe('conflict');
      expect(res.body.error.message).toMatch(/Svix App Portal/);
    }
  });
});

describe('without Svix', () => {
  it('answers 409 to a portal session and keeps the built-in endpoints', async () => {
    const partner = await createTestPartner(builtIn.ownerDb);
    const res = await builtIn.call<ErrorBody>('POST', '/v1/webhook-portal-sessions', { key: partner.apiKey });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect(res.body.error.message).toMatch(/\/v1\/webhook-endpoints/);
    const list = await builtIn.call('GET', '/v1/webhook-endpoints', { key: partner.apiKey });
    expect(list.status).toBe(200);
  });
});
