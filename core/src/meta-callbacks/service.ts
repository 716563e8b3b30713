/**
 * Meta's callbacks about a person who removed the app: deauthorize, and data deletion. Both are
 * verified with the app secret's signed_request, then clear the same data as a disconnect for
 * every connection of that account, whatever tenant it is in — a deauthorize except one connected
 * after Meta issued it (a late or replayed one does not undo a newer consent). Data deletion also
 * erases what the account's customers wrote (in the workers, as it may be much) and answers with a
 * confirmation code and a status URL, as Meta requires.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { type DisconnectReason, disconnectConnection, getConnection } from '../connections/index.ts';
import { type WorkspaceScope, withTenant } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { verifySignedRequest } from '../meta/index.ts';
import type { AccountConnection } from './repository.ts';
import * as repo from './repository.ts';

type Deps = { db: Knex };
export type MetaApp = { name: 'meta' | 'instagram'; secret: string; channel: 'whatsapp' | 'instagram' };

const invalid = () =>
  new AppError('invalid_request', 'signed_request is missing or its signature is not valid.', {
    param: 'signed_request',
  });

/** What a verified signed_request asks about: its app, the user it names and when Meta issued it. */
type Request = { app: MetaApp; userId: string; issuedAt: number | undefined };

/** The app whose secret signed the request, and the user it names; a 400 if none did. */
function verify(signedRequest: string | undefined, apps: MetaApp[]): Request {
  if (!signedRequest) throw invalid();
  for (const app of apps) {
    const payload = verifySignedRequest(signedRequest, app.secret);
    if (payload) return { app, userId: payload.user_id, issuedAt: payload.issued_at };
  }
  throw invalid();
}

/**
 * A deauthorize Meta issued before the account was connected (again) to this connection is about
 * the app's earlier removal, not about this consent: an owner who removed the app and connected
 * again keeps the new connection, even if the old request is delivered late or sent again.
 * `issued_at` has whole seconds, so only a connection made in a later second than that is spared.
 * A data deletion spares nothing: erasing too much is the side to err on.
 */
async function connectedSince(deps: Deps, scope: WorkspaceScope, connectionId: string, issuedAt: number) {
  const { connectedAt } = await getConnection(deps, scope, connectionId);
  return Math.floor(connectedAt.getTime() / 1000) > issuedAt;
}

/**
 * Disconnects every connection of the signed request's user: Instagram's may be the account id or
 * the app-scoped id (which one Meta sends is not settled), so the lookups match either. Answers
 * the connections it cleared.
 */
async function clearAccount(
  deps: Deps,
  request: Request,
  reason: DisconnectReason,
): Promise<AccountConnection[]> {
  const { app, userId, issuedAt } = request;
  const deleting = reason === 'meta_data_deletion';
  // A deletion also reaches connections already disconnected (Meta deauthorizes first).
  const found = deleting
    ? await repo.findConnectionsForDeletion(deps.db, app.channel, userId)
    : await repo.findConnectionsForDeauthorize(deps.db, app.channel, userId);
  const cleared: AccountConnection[] = [];
  for (const c of found) {
    const scope = { partnerId: c.partnerId, workspaceId: c.workspaceId };
    // A deletion never leaves behind what it was asked to delete (a reconnect may have renewed the
    // very row, and its content predates the request), so only a deauthorize spares newer consents.
    const spared = !deleting && issuedAt !== undefined;
    if (spared && (await connectedSince(deps, scope, c.connectionId, issuedAt))) continue;
    await disconnectConnection(deps, scope, c.connectionId, reason);
    cleared.push(c);
  }
  return cleared;
}

/** Deauthorize: the person removed the app; their connections are cleared. */
export async function handleDeauthorize(deps: Deps, signedRequest: string | undefined, apps: MetaApp[]) {
  const cleared = await clearAccount(deps, verify(signedRequest, apps), 'meta_deauthorized');
  return { cleared: cleared.length };
}

/**
 * Data deletion: the account's connections are disconnected (tokens deleted) at once, the erasure
 * of what its customers wrote is queued for each workspace that held it (the workers do it in
 * steps, `runDataErasures`), and the request is recorded under a confirmation code the person can
 * look up. The account's ids are forgotten last, once nothing needs them to find its data again
 * (a failure before that is retried by Meta and finds the same connections).
 */
export async function handleDataDeletion(
  deps: Deps & { publicUrl: string },
  signedRequest: string | undefined,
  apps: MetaApp[],
): Promise<{ url: string; confirmation_code: string }> {
  const request = verify(signedRequest, apps);
  const cleared = await clearAccount(deps, request, 'meta_data_deletion');
  const channel = request.app.channel;
  const workspaces = new Map(cleared.map((c) => [c.workspaceId, c.partnerId]));
  const code = randomBytes(12).toString('hex');
  await repo.insertDeletionRequest(deps.db, {
    code,
    app: request.app.name,
    connectionsCleared: cleared.length,
    erasures: [...workspaces].map(([workspaceId, partnerId]) => ({ partnerId, workspaceId, channel })),
  });
  for (const c of cleared) {
    const scope = { partnerId: c.partnerId, workspaceId: c.workspaceId };
    await withTenant(deps.db, scope, (tx) => repo.forgetAccount(tx, c.connectionId));
  }
  const url = new URL('/api/meta/data-deletion/status', deps.publicUrl);
  url.searchParams.set('code', code);
  return { url: url.toString(), confirmation_code: code };
}

export type DeletionStatus = {
  code: string;
  /** `in_progress` until the workers have erased what every workspace held of the account. */
  status: 'in_progress' | 'completed';
  /** How many connections of the account Laras held and cleared; 0: it held nothing of it. */
  connectionsCleared: number;
  requestedAt: Date;
  completedAt: Date | null;
};

export async function getDeletionStatus(deps: Deps, code: string): Promise<DeletionStatus | undefined> {
  if (!/^[0-9a-f]{24}$/.test(code)) return undefined;
  return repo.findDeletionRequest(deps.db, code);
}
