/**
 * Partner console sign-in: partner staff type one of the partner's API keys once; the API answers
 * with an httpOnly cookie session that acts as that key on the partner operations. The key itself
 * never reaches the browser's storage. Each request re-checks the key (revoking it ends its console
 * sessions at once). Failures are one generic 401 and count towards the same per-IP lockout as the
 * portal's password sign-in; so does a key typed on a hostname another partner claimed, whose
 * brand that page shows. The CSRF token is derived like the portal's, from the session id.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Knex } from 'knex';
import { API_KEY_PATTERN, hashApiKey } from '../api-keys/index.ts';
import { authenticateKeyHash } from '../api-keys/repository.ts';
import { partnerIdForHostname } from '../branding/repository.ts';
import type { PortalConfig } from '../config/index.ts';
import { hashSecret, newSecret, SECRET_PATTERN } from '../connect-sessions/secrets.ts';
import { AppError } from '../errors/index.ts';
import {
  clearSignInFailures,
  lockedForSeconds,
  recordSignInFailure,
  type SignInSubject,
} from '../portal-sessions/lockout.ts';
import { csrfTokenFor } from '../portal-sessions/service.ts';
import {
  deleteConsoleSession,
  findConsoleSession,
  consoleSessionKey as keyForHash,
  saveConsoleSession,
} from './store.ts';
import type { ConsoleIdentity, ConsoleSession, ConsoleSignInInput, StartedConsoleSession } from './types.ts';

export type ConsoleSessionDeps = {
  db: Knex;
  redis: Redis;
  redisPrefix: string;
  sessionSecret: string;
  portal: PortalConfig;
};

/** The one message of every refused console sign-in. */
export const CONSOLE_SIGN_IN_FAILED_MESSAGE = 'That API key is not valid.';
export const CONSOLE_SIGN_IN_LOCKED_MESSAGE = 'Too many failed sign-in attempts. Try again later.';

/** The CSRF token of a console session; distinct from any portal session's by its id space. */
export function consoleCsrfTokenFor(sessionSecret: string, sessionId: string): string {
  return csrfTokenFor(sessionSecret, `console:${sessionId}`);
}

/** Failures are counted per client IP (the "email" slot holds a per-IP marker, not a key). */
function subjectFor(ip: string): SignInSubject {
  return { partnerId: undefined, email: `console-key:${ip}`, ip };
}

function lockoutDeps(deps: ConsoleSessionDeps) {
  return { redis: deps.redis, prefix: deps.redisPrefix, limits: deps.portal.login };
}

function present(deps: ConsoleSessionDeps, identity: ConsoleIdentity): ConsoleSession {
  return {
    partnerId: identity.partnerId,
    apiKeyId: identity.apiKeyId,
    mode: identity.mode,
    csrfToken: consoleCsrfTokenFor(deps.sessionSecret, identity.sessionId),
    expiresAt: identity.expiresAt,
  };
}

/** Opens a console session for a valid, unrevoked API key; see the module comment. */
export async function signInConsole(
  deps: ConsoleSessionDeps,
  request: ConsoleSignInInput & { ip: string; hostname: string },
): Promise<StartedConsoleSession> {
  const lockout = lockoutDeps(deps);
  const subject = subjectFor(request.ip);
  const retryAfter = await lockedForSeconds(lockout, subject);
  if (retryAfter > 0) {
    throw new AppError('rate_limited', CONSOLE_SIGN_IN_LOCKED_MESSAGE, {
      headers: { 'Retry-After': String(retryAfter) },
    });
  }
  const apiKeyHash = API_KEY_PATTERN.test(request.api_key) ? hashApiKey(request.api_key) : undefined;
  const key = apiKeyHash ? await authenticateKeyHash(deps.db, apiKeyHash) : undefined;
  // A hostname another partner claimed shows that partner's brand: never sign this key in there.
  const hostPartner = await partnerIdForHostname(deps.db, request.hostname.toLowerCase());
  if (!key || !apiKeyHash || (hostPartner !== undefined && hostPartner !== key.partnerId)) {
    await recordSignInFailure(lockout, subject);
    throw new AppError('unauthenticated', CONSOLE_SIGN_IN_FAILED_MESSAGE);
  }
  await clearSignInFailures(lockout, subject);
  const token = newSecret();
  const ttlSeconds = deps.portal.sessionTtlSeconds;
  const sessionId = randomBytes(16).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  await saveConsoleSession(
    deps,
    token.hash,
    { sessionId, apiKeyHash, expiresAt: expiresAt.getTime() },
    ttlSeconds,
  );
  const identity = { sessionId, ...key, expiresAt };
  return { token: token.value, maxAgeSeconds: ttlSeconds, session: present(deps, identity) };
}

/**
 * The live console session a cookie token belongs to, or undefined (malformed, unknown, expired,
 * signed out, or its API key revoked).
 */
export async function authenticateConsoleSession(
  deps: Pick<ConsoleSessionDeps, 'db' | 'redis' | 'redisPrefix'>,
  token: string,
): Promise<ConsoleIdentity | undefined> {
  if (!SECRET_PATTERN.test(token)) return undefined;
  const stored = await findConsoleSession(deps, hashSecret(token));
  if (!stored || stored.expiresAt <= Date.now()) return undefined;
  const key = await authenticateKeyHash(deps.db, stored.apiKeyHash);
  if (!key) return undefined;
  return { sessionId: stored.sessionId, ...key, expiresAt: new Date(stored.expiresAt) };
}

/** The partner, key mode and CSRF token of the caller's console session. */
export function getConsoleSession(deps: ConsoleSessionDeps, identity: ConsoleIdentity): ConsoleSession {
  return present(deps, identity);
}

/** Ends the console session of this cookie token: it stops working at once. */
export async function signOutConsole(
  deps: Pick<ConsoleSessionDeps, 'redis' | 'redisPrefix'>,
  token: string,
): Promise<void> {
  await deleteConsoleSession(deps, hashSecret(token));
}

/** Exported for tests that age a session: the Redis key of a cookie token. */
export function consoleSessionKey(redisPrefix: string, token: string): string {
  return keyForHash(redisPrefix, hashSecret(token));
}
