/**
 * Portal sign-in: email + password on a partner's portal hostname, or a single-use sign-in link.
 * Every failed password sign-in answers the same 401 whatever went wrong (no such portal, no such
 * user, no password, wrong password) and costs one scrypt either way, so neither the message nor
 * the timing tells whether an account exists. The session cookie token is stored only as a hash;
 * the CSRF token is derived from the session id with SESSION_SECRET, so it needs no storage.
 */
import { createHmac } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Knex } from 'knex';
import { partnerIdForHostname } from '../branding/repository.ts';
import type { PortalConfig } from '../config/index.ts';
import { hashSecret, newSecret, SECRET_PATTERN } from '../connect-sessions/secrets.ts';
import { type TenantTx, type WorkspaceScope, withTenant } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { newId } from '../ids.ts';
import { hashPassword, verifyPassword } from '../users/password.ts';
import * as users from '../users/repository.ts';
import { requireWorkspace } from '../workspaces/service.ts';
import { clearSignInFailures, lockedForSeconds, recordSignInFailure, type SignInSubject } from './lockout.ts';
import * as repo from './repository.ts';
import type {
  PortalSession,
  RedeemSignInLinkInput,
  SessionIdentity,
  SignInInput,
  StartedSession,
} from './types.ts';

export type SessionDeps = { db: Knex; sessionSecret: string; portal: PortalConfig };
export type SignInDeps = SessionDeps & { redis: Redis; redisPrefix: string };

/** The one message of every refused password sign-in. */
export const SIGN_IN_FAILED_MESSAGE = 'Email or password is incorrect.';
export const SIGN_IN_LOCKED_MESSAGE = 'Too many failed sign-in attempts. Try again later.';

/** The CSRF token of a session: HMAC(SESSION_SECRET, session id). */
export function csrfTokenFor(sessionSecret: string, sessionId: string): string {
  return createHmac('sha256', sessionSecret).update(`csrf:${sessionId}`).digest('base64url');
}

async function loadPortalSession(
  deps: SessionDeps,
  tx: TenantTx<WorkspaceScope>,
  identity: { sessionId: string; userId: string; expiresAt: Date },
): Promise<PortalSession> {
  const workspace = await requireWorkspace(tx, tx.scope.workspaceId);
  const user = await users.findUser(tx, identity.userId);
  if (!user) throw new AppError('unauthenticated', 'Your session has ended. Sign in again.');
  return {
    user,
    workspace: { id: workspace.id, name: workspace.name },
    csrfToken: csrfTokenFor(deps.sessionSecret, identity.sessionId),
    expiresAt: identity.expiresAt,
  };
}

async function startSession(
  deps: SessionDeps,
  tx: TenantTx<WorkspaceScope>,
  userId: string,
): Promise<StartedSession> {
  const token = newSecret();
  const sessionId = newId('portalSession');
  const ttlSeconds = deps.portal.sessionTtlSeconds;
  await users.touchSignIn(tx, userId);
  const expiresAt = await repo.insertSession(tx, {
    id: sessionId,
    userId,
    tokenHash: token.hash,
    ttlSeconds,
  });
  const session = await loadPortalSession(deps, tx, { sessionId, userId, expiresAt });
  return { token: token.value, maxAgeSeconds: ttlSeconds, session };
}

function lockoutDeps(deps: SignInDeps) {
  return { redis: deps.redis, prefix: deps.redisPrefix, limits: deps.portal.login };
}

/**
 * Signs in on the portal served at `hostname`. Refused sign-ins are a 401 with one message; too
 * many failures for the email or the client IP are a 429 with Retry-After, even with the right password.
 */
export async function signIn(
  deps: SignInDeps,
  request: SignInInput & { hostname: string; ip: string },
): Promise<StartedSession> {
  const email = request.email.trim().toLowerCase();
  const partnerId = await partnerIdForHostname(deps.db, request.hostname.toLowerCase());
  const subject: SignInSubject = { partnerId, email, ip: request.ip };
  const lockout = lockoutDeps(deps);
  const retryAfter = await lockedForSeconds(lockout, subject);
  if (retryAfter > 0) {
    throw new AppError('rate_limited', SIGN_IN_LOCKED_MESSAGE, {
      headers: { 'Retry-After': String(retryAfter) },
    });
  }
  const found = partnerId ? await repo.userForSignIn(deps.db, partnerId, email) : undefined;
  const scope = found && partnerId ? { partnerId, workspaceId: found.workspaceId } : undefined;
  const credentials =
    scope && found
      ? await withTenant(deps.db, scope, (tx) => users.findUserCredentials(tx, found.userId))
      : undefined;
  const ok = await verifyPassword(request.password, credentials?.passwordHash);
  if (!ok || !scope || !found) {
    await recordSignInFailure(lockout, subject);
    throw new AppError('unauthenticated', SIGN_IN_FAILED_MESSAGE);
  }
  await clearSignInFailures(lockout, subject);
  return withTenant(deps.db, scope, (tx) => startSession(deps, tx, found.userId));
}

const invalidLink = () => new AppError('not_found', 'This sign-in link is not valid. Ask for a new one.');

/**
 * Redeems a single-use sign-in link: sets the password first when the link is for that (ending
 * the user's other sessions), then starts a session. A used, expired or unknown link changes nothing.
 */
export async function redeemSignInLink(
  deps: SessionDeps,
  input: RedeemSignInLinkInput,
): Promise<StartedSession> {
  if (!SECRET_PATTERN.test(input.token)) throw invalidLink();
  const found = await repo.signInLinkByTokenHash(deps.db, hashSecret(input.token));
  if (!found) throw invalidLink();
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  const scope = { partnerId: found.partnerId, workspaceId: found.workspaceId };
  return withTenant(deps.db, scope, async (tx) => {
    const link = await users.lockSignInLink(tx, found.linkId);
    if (!link) throw invalidLink();
    if (link.used_at) {
      throw new AppError('invalid_request', 'This sign-in link has already been used. Ask for a new one.', {
        param: 'token',
      });
    }
    if (link.expired) {
      throw new AppError('invalid_request', 'This sign-in link has expired. Ask for a new one.', {
        param: 'token',
      });
    }
    if (link.purpose === 'set_password') {
      if (!passwordHash) {
        throw new AppError('invalid_request', 'Choose a password to finish setting up your account.', {
          param: 'password',
        });
      }
      await users.setPasswordHash(tx, link.user_id, passwordHash);
      // A new password (a reset, as often as a first one): sessions opened with the old one end.
      await repo.revokeUserSessions(tx, link.user_id);
    } else if (passwordHash) {
      throw new AppError('invalid_request', 'This link signs you in; it does not set a password.', {
        param: 'password',
      });
    }
    await users.markSignInLinkUsed(tx, link.id);
    return startSession(deps, tx, link.user_id);
  });
}

/** The live session a cookie token belongs to, or undefined (malformed, unknown, revoked, expired). */
export async function authenticateSession(
  deps: { db: Knex },
  token: string,
): Promise<SessionIdentity | undefined> {
  if (!SECRET_PATTERN.test(token)) return undefined;
  const found = await repo.sessionByTokenHash(deps.db, hashSecret(token));
  if (!found || found.revoked || found.expiresAt.getTime() <= Date.now()) return undefined;
  const { revoked: _, ...identity } = found;
  return identity;
}

/** The signed-in user, workspace and CSRF token of a session. */
export function getPortalSession(deps: SessionDeps, identity: SessionIdentity): Promise<PortalSession> {
  return withTenant(deps.db, identity, (tx) => loadPortalSession(deps, tx, identity));
}

/** Ends a session: its cookie stops working at once. */
export function signOut(deps: { db: Knex }, identity: SessionIdentity): Promise<void> {
  return withTenant(deps.db, identity, (tx) => repo.revokeSession(tx, identity.sessionId));
}
