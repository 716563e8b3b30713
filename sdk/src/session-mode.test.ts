/** Session mode: what a signed-in portal page sends (no key, the cookie, the CSRF token on changes). */
import { afterEach, describe, expect, it } from 'vitest';
import { createLaras } from './index.ts';
import { type StubServer, startStubServer } from './stub-server.test-helper.ts';

const rules = {
  workspace_id: 'ws_01JD5Q4ZB7S0M6G4B6Y7R1T2QX',
  auto_send: { whatsapp: true, instagram_dm: false, instagram_comment: false },
  always_review_keywords: [],
  blocked_phrases: [],
  min_confidence: 0.7,
  updated_at: null,
};
const byId = { params: { path: { workspace_id: rules.workspace_id } } };

const servers: StubServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('session mode', () => {
  it('sends no Authorization, and the CSRF token only on changes', async () => {
    const server = await startStubServer([{ status: 200, body: rules }]);
    servers.push(server);
    let token: string | undefined = 'csrf-1';
    const laras = createLaras({ baseUrl: server.baseUrl, session: true, csrfToken: () => token });
    await laras.getReviewRules(byId);
    await laras.replaceReviewRules({ ...byId, body: { auto_send: { whatsapp: true } } });
    token = 'csrf-2';
    await laras.deleteCurrentSession();
    token = undefined;
    await laras.replaceReviewRules({ ...byId, body: {} });
    const [get, put, signOut, anonymous] = server.seen;
    expect(get?.headers.authorization).toBeUndefined();
    expect(get?.headers['x-csrf-token']).toBeUndefined();
    expect(put?.headers.authorization).toBeUndefined();
    expect(put?.headers['x-csrf-token']).toBe('csrf-1');
    expect(signOut).toMatchObject({ method: 'DELETE', url: '/v1/session' });
    expect(signOut?.headers['x-csrf-token']).toBe('csrf-2');
    expect(anonymous?.headers['x-csrf-token']).toBeUndefined();
  });

  it('asks fetch to include credentials, on every attempt, and keeps the Idempotency-Key', async () => {
    const seen: Request[] = [];
    const laras = createLaras({
      baseUrl: 'http://portal.acme.test:3000',
      session: true,
      csrfToken: () => 'csrf',
      maxRetries: 1,
      fetch: async (request) => {
        seen.push(request);
        return seen.length === 1
          ? Response.json(
              { error: { code: 'rate_limited', message: 'x', request_id: 'r' } },
              {
                status: 429,
                headers: { 'Retry-After': '0' },
              },
            )
          : Response.json({ id: 'cs_1' }, { status: 201 });
      },
    });
    await laras.createConnectSession({ ...byId, body: { channel: 'whatsapp' } });
    expect(seen).toHaveLength(2);
    for (const request of seen) {
      expect(request.credentials).toBe('include');
      expect(request.headers.get('X-CSRF-Token')).toBe('csrf');
      expect(request.headers.has('Authorization')).toBe(false);
      expect(request.url).toBe(
        `http://portal.acme.test:3000/v1/workspaces/${rules.workspace_id}/connect-sessions`,
      );
    }
    expect(seen[1]?.headers.get('Idempotency-Key')).toBe(seen[0]?.headers.get('Idempotency-Key'));
  });

  it('signs in without any token and without a key', async () => {
    const server = await startStubServer([
      {
        status: 401,
        body: {
          error: { code: 'unauthenticated', message: 'Email or password is incorrect.', request_id: 'r' },
        },
      },
    ]);
    servers.push(server);
    const laras = createLaras({ baseUrl: server.baseUrl, session: true });
    const { error } = await laras.createSession({ body: { email: 'a@b.example', password: 'x' } });
    expect(error?.error.message).toBe('Email or password is incorrect.');
    expect(server.seen[0]?.headers.authorization).toBeUndefined();
    expect(server.seen[0]?.headers['x-csrf-token']).toBeUndefined();
  });

  it('refuses to mix a key with a session, and a CSRF source without a session', () => {
    const baseUrl = 'http://localhost:3000';
    const apiKey = 'lrs_test_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN';
    // @ts-expect-error: apiKey and session exclude each other
    expect(() => createLaras({ baseUrl, session: true, apiKey })).toThrow(/exclude each other/);
    // @ts-expect-error: csrfToken is for session mode only
    expect(() => createLaras({ baseUrl, apiKey, csrfToken: () => 'x' })).toThrow(/only for session mode/);
    // @ts-expect-error: a key is required without a session
    expect(() => createLaras({ baseUrl })).toThrow(/apiKey is required/);
    // @ts-expect-error: csrfToken is a function
    expect(() => createLaras({ baseUrl, session: true, csrfToken: 'x' })).toThrow(
      /csrfToken must be a function/,
    );
  });
});
