/**
 * Portal users for tests: a partner hostname to sign in on, a user with a password, and a signed-in
 * session (its cookie and CSRF token), all made through the real code paths.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from '@laras/core';
import { createUser } from '@laras/core/users';
import type { ApiResponse, TestApi } from './api.ts';

export type TestPortalUser = {
  userId: string;
  partnerId: string;
  workspaceId: string;
  email: string;
  password: string;
  role: 'owner' | 'agent';
};

export type TestSession = { cookie: string; csrfToken: string; response: ApiResponse<unknown> };

/** Claims a fresh portal hostname for the partner (as the branding update would). */
export async function claimTestHostname(ownerDb: Knex, partnerId: string): Promise<string> {
  const hostname = `portal-${randomBytes(4).toString('hex')}.test`;
  await ownerDb('partner_hostnames').insert({ hostname, partner_id: partnerId });
  return hostname;
}

/** A user of the workspace with a password, created through the core service. */
export async function createTestUser(
  ownerDb: Knex,
  scope: { partnerId: string; workspaceId: string },
  options: { role?: 'owner' | 'agent'; password?: string; email?: string } = {},
): Promise<TestPortalUser> {
  const email = options.email ?? `user-${randomBytes(4).toString('hex')}@example.com`;
  const password = options.password ?? `pw-${randomBytes(8).toString('hex')}`;
  const role = options.role ?? 'owner';
  const user = await createUser({ db: ownerDb }, scope, { email, role, password, name: 'Test User' });
  return { userId: user.id, ...scope, email, password, role };
}

/** The `name=value` part of the session cookie a response set, if any. */
export function sessionCookieOf(response: ApiResponse<unknown>): string | undefined {
  const header = response.headers.getSetCookie().find((c) => c.startsWith('laras_session='));
  return header?.split(';')[0];
}

/** Signs the user in on `hostname` through `POST /v1/sessions`; throws unless it succeeds. */
export async function signInTestUser(
  api: TestApi,
  hostname: string,
  user: { email: string; password: string },
): Promise<TestSession> {
  const port = new URL(api.url).port;
  const response = await api.call<{ csrf_token: string }>('POST', '/v1/sessions', {
    headers: { Host: `${hostname}:${port}` },
    body: { email: user.email, password: user.password },
  });
  const cookie = sessionCookieOf(response);
  if (response.status !== 201 || !cookie) throw new Error(`sign-in failed: ${response.status}`);
  return { cookie, csrfToken: response.body.csrf_token, response };
}
