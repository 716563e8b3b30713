/**
 * Meta's callbacks about a person who removed the app: deauthorize, and data deletion. Both are
 * verified with the app secret's signed_request, then clear the same data as a disconnect for
 * every connection of that account, whatever tenant it is in. Data deletion also answers with a
 * confirmation code and a status URL, as Meta requires.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { type DisconnectReason, disconnectConnection } from '../connections/index.ts';
import { eraseChannelContent } from '../conversations/index.ts';
import { withTenant } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { verifySignedRequest } from '../meta/index.ts';
import * as repo from './repository.ts';

type Deps = { db: Knex };
export type MetaApp = { name: 'meta' | 'instagram'; secret: string; channel: 'whatsapp' | 'instagram' };

const invalid = () =>
  new AppError('invalid_request', 'signed_request is missing or its signature is not valid.', {
    param: 'signed_request',
  });

/** The app whose secret signed the request, and the user it names; a 400 if none did. */
function verify(signedRequest: string | undefined, apps: MetaApp[]) {
  if (!signedRequest) throw invalid();
  for (const app of apps) {
    const payload = verifySignedRequest(signedRequest, app.secret);
    if (payload) return { app, userId: payload.user_id };
  }
  throw invalid();
}

/**
 * Clears every connection of the signed request's user: Instagram's may be the account id or the
 * app-scoped id (which one Meta sends is not settled), so the lookups match either.
 */
async function clearAccount(
  deps: Deps,
  channel: 'whatsapp' | 'instagram',
  userId: string,
  reason: DisconnectReason,
): Promise<number> {
  const deleting = reason === 'meta_data_deletion';
  // A deletion also reaches connections already disconnected (Meta deauthorizes first).
  const connections = deleting
    ? await repo.findConnectionsForDeletion(deps.db, channel, userId)
    : await repo.findConnectionsForDeauthorize(deps.db, channel, userId);
  const erased = new Set<string>();
  for (const c of connections) {
    const scope = { partnerId: c.partnerId, workspaceId: c.workspaceId };
    await disconnectConnection(deps, scope, c.connectionId, reason);
    if (!deleting) continue;
    if (!erased.has(c.workspaceId)) await eraseChannelContent(deps, scope, channel);
    erased.add(c.workspaceId);
    await withTenant(deps.db, scope, (tx) => repo.forgetAccount(tx, c.connectionId));
  }
  return connections.length;
}

/** Deauthorize: the person removed the app; their connections are cleared. */
export async function handleDeauthorize(deps: Deps, signedRequest: string | undefined, apps: MetaApp[]) {
  const { app, userId } = verify(signedRequest, apps);
  return { cleared: await clearAccount(deps, app.channel, userId, 'meta_deauthorized') };
}

/** Data deletion: clear the account's data and record a confirmation the person can look up. */
export async function handleDataDeletion(
  deps: Deps & { publicUrl: string },
  signedRequest: string | undefined,
  apps: MetaApp[],
): Promise<{ url: string; confirmation_code: string }> {
  const { app, userId } = verify(signedRequest, apps);
  const cleared = await clearAccount(deps, app.channel, userId, 'meta_data_deletion');
  const code = randomBytes(12).toString('hex');
  await repo.insertDeletionRequest(deps.db, { code, app: app.name, connectionsCleared: cleared });
  const url = new URL('/api/meta/data-deletion/status', deps.publicUrl);
  url.searchParams.set('code', code);
  return { url: url.toString(), confirmation_code: code };
}

export type DeletionStatus = {
  code: string;
  status: 'completed';
  requestedAt: Date;
  completedAt: Date | null;
};

export async function getDeletionStatus(deps: Deps, code: string): Promise<DeletionStatus | undefined> {
  if (!/^[0-9a-f]{24}$/.test(code)) return undefined;
  return repo.findDeletionRequest(deps.db, code);
}
