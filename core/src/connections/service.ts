import type { Knex } from 'knex';
import { type Page, type WorkspaceScope, withTenant } from '../db/index.ts';
import { AppError, notFound } from '../errors/index.ts';
import { appendEvent } from '../events/index.ts';
import { appendEvidence } from '../evidence/index.ts';
import { newId } from '../ids.ts';
import { type KeyRing, seal } from '../vault/index.ts';
import { requireWorkspace } from '../workspaces/service.ts';
import { connectionEventData } from './events.ts';
import * as repo from './repository.ts';
import {
  type Connection,
  type DisconnectReason,
  type ListConnectionsQuery,
  type NewConnection,
  tokenOwner,
} from './types.ts';
import { queueUnsubscribes } from './unsubscribes.ts';

type Deps = { db: Knex };

export function listConnections(
  deps: Deps,
  scope: WorkspaceScope,
  query: ListConnectionsQuery,
): Promise<Page<Connection>> {
  return withTenant(deps.db, scope, async (tx) => {
    await requireWorkspace(tx, scope.workspaceId);
    return repo.listConnections(tx, { status: query.status }, { limit: query.limit, cursor: query.cursor });
  });
}

export function getConnection(deps: Deps, scope: WorkspaceScope, id: string): Promise<Connection> {
  return withTenant(deps.db, scope, async (tx) => {
    const connection = await repo.findConnection(tx, id);
    if (!connection) throw notFound('connection');
    return connection;
  });
}

/**
 * Disconnects: the token and the number/account references are gone in the same statement, and
 * `connection.disconnected` is queued for the partner in the same transaction. A disconnect the
 * owner asked for also queues the account to be unsubscribed at Meta.
 */
export function disconnectConnection(
  deps: Deps,
  scope: WorkspaceScope,
  id: string,
  reason: DisconnectReason = 'requested',
): Promise<Connection> {
  return withTenant(deps.db, scope, async (tx) => {
    const before = await repo.findConnection(tx, id);
    if (!before) throw notFound('connection');
    // The owner's own disconnect: Laras's app is unsubscribed at Meta afterwards, with the token
    // handed to the queue before the row loses it. When Meta removed the app itself there is
    // nothing to unsubscribe (and no token that still works).
    if (reason === 'requested') await queueUnsubscribes(tx, scope.workspaceId, id);
    if (await repo.markDisconnected(tx, id)) {
      await appendEvidence(tx, {
        type: 'connection.disconnected',
        actor: reason === 'requested' ? 'workspace' : 'meta',
        data: { connection_id: id, channel: before.channel, reason },
      });
      await appendEvent(tx, 'connection.disconnected', {
        connection_id: id,
        channel: before.channel,
        reason,
      });
    }
    const connection = await repo.findConnection(tx, id);
    if (!connection) throw notFound('connection');
    return connection;
  });
}

/**
 * Stores the outcome of a finished connect flow with its token sealed. Connecting the same number
 * or account again in this workspace renews that connection; one live in another workspace is a 409.
 */
export function storeConnection(
  deps: Deps & { vault: KeyRing },
  scope: WorkspaceScope,
  connection: NewConnection,
): Promise<Connection> {
  const routingId = connection.channel === 'whatsapp' ? connection.phoneNumberId : connection.accountId;
  return withTenant(deps.db, scope, async (tx) => {
    await requireWorkspace(tx, scope.workspaceId);
    const existing = await repo.findLiveByRoutingId(tx, connection.channel, routingId);
    const id = existing?.id ?? newId('connection');
    const sealed = seal(deps.vault, connection.token, tokenOwner(id));
    const values: repo.ConnectionValues = {
      channel: connection.channel,
      routingId,
      tokenCiphertext: sealed.ciphertext,
      tokenKeyVersion: sealed.keyVersion,
      tokenExpiresAt: connection.tokenExpiresAt,
      ...(connection.channel === 'whatsapp'
        ? {
            wabaId: connection.wabaId,
            phoneNumberId: connection.phoneNumberId,
            displayPhoneNumber: connection.displayPhoneNumber,
            verifiedName: connection.verifiedName,
          }
        : {
            igAccountId: connection.accountId,
            igAppScopedId: connection.appScopedId ?? null,
            igUsername: connection.username,
            igAccountType: connection.accountType,
          }),
    };
    try {
      if (existing) await repo.replaceConnection(tx, id, values);
      else await repo.insertConnection(tx, id, values);
    } catch (error) {
      if ((error as { constraint?: string }).constraint === 'connections_routing_unique') {
        throw new AppError(
          'conflict',
          connection.channel === 'whatsapp'
            ? 'This WhatsApp number is connected to another workspace. Disconnect it there first.'
            : 'This Instagram account is connected to another workspace. Disconnect it there first.',
          { cause: error },
        );
      }
      throw error;
    }
    const stored = await repo.findConnection(tx, id);
    if (!stored) throw notFound('connection');
    await appendEvidence(tx, {
      type: 'connection.connected',
      actor: 'workspace',
      data: { connection_id: stored.id, channel: stored.channel },
    });
    await appendEvent(tx, 'connection.connected', connectionEventData(stored));
    return stored;
  });
}
