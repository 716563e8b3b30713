/**
 * The inbound worker's one job: take a stored Meta delivery, parse it, and route each item by its
 * Meta-issued id to the workspace whose live connection owns that number or account. Each item
 * stands alone: one that cannot be routed, understood or stored is kept with its reason and the
 * rest go on. A delivery is processed once; a repeat (or a second worker) finds nothing to do.
 */
import type { Knex } from 'knex';
import { disconnectConnection } from '../connections/index.ts';
import { recordEcho, recordInboundMessage, recordStatus } from '../conversations/index.ts';
import type { WorkspaceScope } from '../db/index.ts';
import { findConnectionsForAccount, findConnectionsForWaba } from '../meta-callbacks/repository.ts';
import { storableText } from '../validation/nul.ts';
import {
  claimDelivery,
  finishDelivery,
  MAX_DELIVERY_ATTEMPTS,
  type RejectReason,
  rejectItem,
} from './deliveries.ts';
import { parseInstagramWebhook } from './instagram/parse.ts';
import { fromComment, fromDeletion, fromMessage, fromReaction } from './to-conversation-message.ts';
import type { InboundChannel, InboundItem } from './types.ts';
import { parseWhatsAppWebhook } from './whatsapp/parse.ts';

type Deps = { db: Knex };

/** A customer message this delivery stored: what the drafting job is given. */
export type StoredMessageRef = { partnerId: string; workspaceId: string; messageId: string };

export type DeliveryOutcome = {
  stored: number;
  /** The messages stored, for the jobs that follow (drafting). */
  storedMessages: StoredMessageRef[];
  duplicates: number;
  statuses: number;
  /** Connections disconnected because the business removed this app's access (`account_update`). */
  disconnected: number;
  skipped: number;
  rejected: Record<RejectReason, number>;
};

type ItemResult = StoredMessageRef | 'duplicate' | 'status' | 'skipped' | { disconnected: number };

/**
 * Some items failed for no reason of their own (the database went away, a deadlock): the delivery
 * stays pending and its job is retried; the items already stored are found as duplicates then. The
 * message says how many, never what (a database error can quote the message's text).
 */
export class DeliveryRetryNeeded extends Error {
  constructor(
    readonly failedItems: number,
    /** What this attempt did store, for the jobs that follow (a retry finds those as duplicates). */
    readonly outcome: DeliveryOutcome,
  ) {
    super(`${failedItems} item(s) of the delivery failed; it stays pending for a retry`);
    this.name = 'DeliveryRetryNeeded';
  }
}

class Rejected extends Error {
  constructor(
    readonly reason: RejectReason,
    detail: string,
  ) {
    super(detail);
  }
}

async function route(db: Knex, channel: InboundChannel, routingId: string | null): Promise<WorkspaceScope> {
  if (!routingId) throw new Rejected('unroutable', 'no routing id');
  const [connection] = await findConnectionsForAccount(db, channel, routingId);
  if (!connection) throw new Rejected('unroutable', `no live ${channel} connection for ${routingId}`);
  return { partnerId: connection.partnerId, workspaceId: connection.workspaceId };
}

async function handle(deps: Deps, item: InboundItem): Promise<ItemResult> {
  switch (item.kind) {
    case 'unparseable':
      throw new Rejected('unparseable', item.reason);
    case 'errors':
      throw new Rejected('unparseable', `account errors: ${item.errors.map((e) => e.code).join(', ')}`);
    case 'echo':
      // The business's own message, seen by Meta: never a customer message, but it may show a
      // reply sent from here whose send is not recorded yet.
      return recordEchoOf(deps, item);
    case 'account_removed': {
      // The business took this app's access away in Meta: its numbers can no longer be used, so
      // they are disconnected as an owner's disconnect would (the partner is told why).
      const connections = await findConnectionsForWaba(deps.db, item.wabaId);
      for (const c of connections) {
        const scope = { partnerId: c.partnerId, workspaceId: c.workspaceId };
        await disconnectConnection(deps, scope, c.connectionId, 'meta_app_uninstalled');
      }
      return { disconnected: connections.length };
    }
    case 'comment':
      if (item.own) return 'skipped';
      return store(deps, item.channel, item.routingId, fromComment(item));
    case 'message':
    case 'edit':
      return store(deps, item.channel, item.routingId, fromMessage(item));
    case 'reaction':
      if (item.own) return 'skipped';
      return store(deps, item.channel, item.routingId, fromReaction(item));
    case 'deletion':
      return store(deps, item.channel, item.routingId, fromDeletion(item));
    case 'status': {
      if (item.status === 'played') return 'skipped';
      const scope = await route(deps.db, item.channel, item.routingId);
      const error = item.errors?.[0];
      await recordStatus(deps, scope, {
        channel: 'whatsapp',
        providerMessageId: item.providerMessageId,
        status: item.status,
        at: item.timestamp,
        error: error ? { ...error } : null,
        callbackData: item.callbackData ?? null,
        recipientIds: [item.recipientId, item.recipientUserId].filter(
          (id) => id !== null && id !== undefined,
        ),
      });
      return 'status';
    }
    case 'read': {
      const scope = await route(deps.db, item.channel, item.routingId);
      await recordStatus(deps, scope, {
        channel: 'instagram',
        providerMessageId: item.messageId,
        status: 'read',
        at: item.timestamp,
        error: null,
        recipientIds: [item.from.id],
      });
      return 'status';
    }
  }
}

/** An Instagram DM echo: recorded as the send it shows, if it is one of ours not recorded yet. */
async function recordEchoOf(deps: Deps, item: Extract<InboundItem, { kind: 'echo' }>): Promise<ItemResult> {
  // Replies sent from here are text; a caption that reads the same is not one of them.
  if (item.channel !== 'instagram' || item.surface !== 'instagram_dm' || item.type !== 'text' || !item.text)
    return 'skipped';
  // An account no longer connected here sent it from elsewhere: nothing of ours to record.
  const [connection] = item.routingId
    ? await findConnectionsForAccount(deps.db, 'instagram', item.routingId)
    : [];
  if (!connection) return 'skipped';
  const scope = { partnerId: connection.partnerId, workspaceId: connection.workspaceId };
  const recorded = await recordEcho(deps, scope, {
    accountId: item.routingId,
    providerMessageId: item.providerMessageId,
    recipientId: item.recipientId,
    text: item.text,
    at: item.timestamp,
  });
  return recorded ? 'status' : 'skipped';
}

async function store(
  deps: Deps,
  channel: InboundChannel,
  routingId: string,
  message: Parameters<typeof recordInboundMessage>[2],
): Promise<ItemResult> {
  const scope = await route(deps.db, channel, routingId);
  // The thread remembers the number or account the customer wrote to: replies go out from it.
  const { message: stored } = await recordInboundMessage(deps, scope, { ...message, routingId });
  return stored ? { ...scope, messageId: stored.id } : 'duplicate';
}

/**
 * PostgreSQL cannot store U+0000, nor (in jsonb) a UTF-16 surrogate without its pair, and JSON can
 * carry both (only as the escapes `\u0000` and `\ud83d`): a delivery holding one keeps its messages,
 * with U+FFFD in its place (in values and keys alike), instead of failing to store them and its rejects.
 */
const UNSTORABLE_ESCAPE = /\\u(?:0000|d[89a-f])/i;
const replaceUnstorable = (_key: string, value: unknown) => {
  if (typeof value === 'string') return storableText(value);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const entries = Object.entries(value);
  return entries.some(([key]) => storableText(key) !== key)
    ? Object.fromEntries(entries.map(([key, v]) => [storableText(key), v]))
    : value;
};

function parse(source: InboundChannel, rawBody: string): InboundItem[] {
  let body: unknown;
  try {
    body = UNSTORABLE_ESCAPE.test(rawBody) ? JSON.parse(rawBody, replaceUnstorable) : JSON.parse(rawBody);
  } catch {
    return [{ kind: 'unparseable', channel: source, routingId: null, reason: 'body is not JSON', raw: null }];
  }
  return source === 'whatsapp' ? parseWhatsAppWebhook(body) : parseInstagramWebhook(body);
}

/**
 * Processes one stored delivery; undefined when it was already processed. An item that cannot be
 * routed or understood is kept as a reject at once; one that failed otherwise is tried again with
 * the delivery (`DeliveryRetryNeeded`), and kept as a `failed` reject only on the last attempt.
 */
export async function processDelivery(deps: Deps, eventId: string): Promise<DeliveryOutcome | undefined> {
  const delivery = await claimDelivery(deps.db, eventId);
  if (!delivery) return undefined;
  const lastAttempt = delivery.attempts >= MAX_DELIVERY_ATTEMPTS;
  let toRetry = 0;
  const outcome: DeliveryOutcome = {
    stored: 0,
    storedMessages: [],
    duplicates: 0,
    statuses: 0,
    disconnected: 0,
    skipped: 0,
    rejected: { unroutable: 0, unparseable: 0, failed: 0 },
  };
  for (const item of parse(delivery.source, delivery.rawBody)) {
    try {
      const result = await handle(deps, item);
      if (typeof result === 'object' && 'disconnected' in result) outcome.disconnected += result.disconnected;
      else if (typeof result === 'object') {
        outcome.stored += 1;
        outcome.storedMessages.push(result);
      } else if (result === 'duplicate') outcome.duplicates += 1;
      else if (result === 'status') outcome.statuses += 1;
      else outcome.skipped += 1;
    } catch (error) {
      if (!(error instanceof Rejected) && !lastAttempt) {
        toRetry += 1;
        continue;
      }
      const reason = error instanceof Rejected ? error.reason : 'failed';
      const detail = error instanceof Error ? error.message : String(error);
      outcome.rejected[reason] += 1;
      await rejectItem(deps.db, {
        eventId,
        source: delivery.source,
        routingId: 'routingId' in item ? item.routingId : null,
        reason,
        detail,
        raw: item.kind === 'unparseable' ? item.raw : item,
      });
    }
  }
  if (toRetry > 0) throw new DeliveryRetryNeeded(toRetry, outcome);
  const rejected = Object.values(outcome.rejected).reduce((a, b) => a + b, 0);
  await finishDelivery(deps.db, eventId, rejected > 0 ? `${rejected} item(s) kept as rejects` : null);
  return outcome;
}
