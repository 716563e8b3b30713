/**
 * The server side of the connect flows. A connect link is opened (its state rotates, so only the
 * latest page can finish), then the browser comes back with the state and Meta's code. The state
 * is spent before any Meta call, so a replay finds nothing; the link is spent only when the
 * connection is stored, so a failed attempt can be retried from the same link.
 */
import { randomInt } from 'node:crypto';
import type { Knex } from 'knex';
import { getBranding } from '../branding/service.ts';
import type { Branding } from '../branding/types.ts';
import { type Connection, storeConnection, withSubscriptionLock } from '../connections/index.ts';
import { type WorkspaceScope, withTenant } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import type { InstagramAccount, InstagramClient, WhatsAppClient } from '../meta/index.ts';
import { MetaApiError, MetaUnavailableError } from '../meta/index.ts';
import type { KeyRing } from '../vault/index.ts';
import { requireWorkspace } from '../workspaces/service.ts';
import * as repo from './repository.ts';
import { hashSecret, newSecret, SECRET_PATTERN } from './secrets.ts';
import type { ConnectSession } from './types.ts';

export type FlowDeps = {
  db: Knex;
  vault: KeyRing;
  whatsapp: WhatsAppClient;
  instagram: InstagramClient;
};

export type OpenedLink = {
  session: ConnectSession;
  scope: WorkspaceScope;
  workspaceName: string;
  branding: Branding;
};

const linkGone = () =>
  new AppError('not_found', 'This connect link has expired or was already used. Ask for a new one.');
const stateGone = () =>
  new AppError('invalid_request', 'This connect attempt is no longer valid. Start again from your link.', {
    param: 'state',
  });

/** Opens a connect link for its page: which channel, whose brand, for which workspace. */
export async function openConnectLink(deps: { db: Knex }, token: string): Promise<OpenedLink> {
  const ref = await findLink(deps.db, token);
  const scope = { partnerId: ref.partnerId, workspaceId: ref.workspaceId };
  const opened = await withTenant(deps.db, scope, async (tx) => {
    const session = await repo.findSession(tx, ref.connectSessionId);
    if (!session || session.usedAt || session.expiresAt.getTime() <= Date.now()) throw linkGone();
    const workspace = await requireWorkspace(tx, scope.workspaceId);
    return { session, workspaceName: workspace.name };
  });
  const branding = await getBranding(deps, { partnerId: ref.partnerId });
  return { ...opened, scope, branding };
}

/**
 * Starts one attempt from a link: a fresh state that the finishing call must present. Each launch
 * gets its own, so nothing from an earlier launch can finish this one.
 */
export async function startConnectAttempt(
  deps: { db: Knex },
  token: string,
): Promise<{ state: string; session: ConnectSession }> {
  const ref = await findLink(deps.db, token);
  const state = newSecret();
  const session = await withTenant(
    deps.db,
    { partnerId: ref.partnerId, workspaceId: ref.workspaceId },
    (tx) => repo.rotateState(tx, ref.connectSessionId, state.hash),
  );
  if (!session) throw linkGone();
  return { state: state.value, session };
}

/** Starts an Instagram attempt and answers where to send the person (Instagram's consent page). */
export async function startInstagramAttempt(
  deps: FlowDeps,
  token: string,
  redirectUri: string,
): Promise<string> {
  const { state, session } = await startConnectAttempt(deps, token);
  if (session.channel !== 'instagram') throw linkGone();
  return deps.instagram.authorizeUrl(redirectUri, state);
}

async function findLink(db: Knex, token: string) {
  if (!SECRET_PATTERN.test(token)) throw linkGone();
  const ref = await repo.findTenantBy(db, 'token', hashSecret(token));
  if (!ref) throw linkGone();
  return ref;
}

/** Spends a state: the session it belongs to, or a 400 for unknown, replayed or expired states. */
async function spendState(db: Knex, state: string, channel: 'whatsapp' | 'instagram') {
  if (!SECRET_PATTERN.test(state)) throw stateGone();
  const hash = hashSecret(state);
  const ref = await repo.findTenantBy(db, 'state', hash);
  if (!ref) throw stateGone();
  const scope = { partnerId: ref.partnerId, workspaceId: ref.workspaceId };
  const session = await withTenant(db, scope, (tx) => repo.consumeState(tx, ref.connectSessionId, hash));
  if (!session || session.channel !== channel) throw stateGone();
  return { session, scope };
}

async function finish(deps: FlowDeps, scope: WorkspaceScope, sessionId: string, connection: Connection) {
  await withTenant(deps.db, scope, (tx) => repo.markUsed(tx, sessionId, { connectionId: connection.id }));
  return connection;
}

/** Meta's errors, as the person in the browser should read them. The token never appears. */
function metaFailure(error: unknown): unknown {
  if (error instanceof MetaUnavailableError || (error instanceof MetaApiError && error.isTransient)) {
    return new AppError('service_unavailable', 'Meta did not answer. Please try again in a moment.', {
      cause: error,
    });
  }
  if (error instanceof MetaApiError) {
    return new AppError(
      'invalid_request',
      `Meta refused the connection (${error.operation}). Please start again.`,
      {
        cause: error,
      },
    );
  }
  return error;
}

export type WhatsAppSignup = { state: string; code: string; wabaId: string; phoneNumberId: string };

/** Finishes WhatsApp Embedded Signup: code → token, check its WABA, subscribe, register, read the number, store. */
export async function completeWhatsAppSignup(
  deps: FlowDeps,
  signup: WhatsAppSignup,
): Promise<{ connection: Connection; session: ConnectSession }> {
  const { session, scope } = await spendState(deps.db, signup.state, 'whatsapp');
  let token: string;
  let details: { displayPhoneNumber: string; verifiedName: string; registered: boolean };
  let expiresAt: Date | null;
  try {
    token = await deps.whatsapp.exchangeCode(signup.code);
    const inspected = await deps.whatsapp.inspectToken(token);
    if (!inspected.wabaIds.includes(signup.wabaId)) {
      throw new AppError(
        'invalid_request',
        'The signup did not grant access to that WhatsApp Business Account.',
        {
          param: 'waba_id',
        },
      );
    }
    expiresAt = inspected.expiresAt;
    await deps.whatsapp.subscribeApp(signup.wabaId, token);
    details = await deps.whatsapp.phoneInfo(signup.phoneNumberId, token);
    // Registering sets the number's two-step PIN; a number already on the Cloud API (a reconnect)
    // keeps its PIN, and registering it again with another PIN would be refused.
    if (!details.registered) {
      await deps.whatsapp.registerPhone(
        signup.phoneNumberId,
        token,
        String(randomInt(0, 1_000_000)).padStart(6, '0'),
      );
    }
  } catch (error) {
    throw metaFailure(error);
  }
  const connection = await storeConnection(deps, scope, {
    channel: 'whatsapp',
    wabaId: signup.wabaId,
    phoneNumberId: signup.phoneNumberId,
    displayPhoneNumber: details.displayPhoneNumber,
    verifiedName: details.verifiedName,
    token,
    tokenExpiresAt: expiresAt,
  });
  await subscribeAgain(deps, 'whatsapp', signup.wabaId, () =>
    deps.whatsapp.subscribeApp(signup.wabaId, token),
  );
  return { connection: await finish(deps, scope, session.id, connection), session };
}

/**
 * Subscribes the app again once the connection is stored, holding the account's subscription lock:
 * an unsubscribe of an earlier connection of the account (disconnected just before) either saw
 * this connection and left the account alone, or finished before this call, which undoes it.
 */
async function subscribeAgain(
  deps: FlowDeps,
  channel: 'whatsapp' | 'instagram',
  accountId: string,
  subscribe: () => Promise<void>,
): Promise<void> {
  try {
    await withSubscriptionLock(deps.db, channel, accountId, subscribe);
  } catch (error) {
    throw metaFailure(error);
  }
}

export type InstagramCallback = { state: string; code: string; redirectUri: string };

/** Finishes Instagram login: code → short-lived → long-lived token, /me, subscribe, store. */
export async function completeInstagramLogin(
  deps: FlowDeps,
  callback: InstagramCallback,
): Promise<{ connection: Connection; session: ConnectSession }> {
  const { session, scope } = await spendState(deps.db, callback.state, 'instagram');
  let longLived: { token: string; expiresAt: Date | null };
  let account: InstagramAccount;
  try {
    const shortLived = await deps.instagram.exchangeCode(callback.code, callback.redirectUri);
    longLived = await deps.instagram.longLived(shortLived);
    account = await deps.instagram.me(longLived.token);
    await deps.instagram.subscribe(longLived.token);
  } catch (error) {
    throw metaFailure(error);
  }
  const connection = await storeConnection(deps, scope, {
    channel: 'instagram',
    accountId: account.accountId,
    appScopedId: account.appScopedId,
    username: account.username,
    accountType: account.accountType,
    token: longLived.token,
    tokenExpiresAt: longLived.expiresAt,
  });
  await subscribeAgain(deps, 'instagram', account.accountId, () => deps.instagram.subscribe(longLived.token));
  return { connection: await finish(deps, scope, session.id, connection), session };
}

/** The session a cancelled/denied Instagram attempt belonged to (state spent, nothing stored). */
export async function abandonInstagramLogin(
  deps: { db: Knex },
  state: string,
): Promise<ConnectSession | undefined> {
  try {
    return (await spendState(deps.db, state, 'instagram')).session;
  } catch {
    return undefined;
  }
}
