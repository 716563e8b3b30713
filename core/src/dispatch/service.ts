/**
 * The built-in dispatcher: fans events out to the partner's matching endpoints, and makes one
 * signed delivery attempt at a time, recording each and scheduling the next by Svix's retry
 * schedule. Time comes from the caller (`now`), so tests drive the schedule without waiting.
 */
import type { Knex } from 'knex';
import { withTenant } from '../db/index.ts';
import { appendPartnerEvent, type EventType } from '../events/index.ts';
import { newId } from '../ids.ts';
import type { Logger } from '../logger.ts';
import { type KeyRing, open } from '../vault/index.ts';
import { secretBinding } from '../webhook-endpoints/secret.ts';
import { postWebhook } from './post-webhook.ts';
import * as repo from './repository.ts';
import {
  ATTEMPT_LEASE_MS,
  DISABLE_AFTER_FAILING_MS,
  MAX_ATTEMPTS,
  nextAttemptAfterFailure,
} from './schedule.ts';
import { signedHeaders } from './sign.ts';

/** Svix's and Standard Webhooks' recommended timeout for one delivery. */
export const DELIVERY_TIMEOUT_MS = 15_000;

export type DispatchDeps = {
  db: Knex;
  vault: KeyRing;
  allowPrivateNetworks: boolean;
  logger?: Logger;
  /** Overrides the 15 s timeout (tests). */
  timeoutMs?: number;
};

/** Creates the deliveries of events not fanned out yet; repeating it creates nothing new. */
export async function fanOutEvents(deps: { db: Knex }, now: Date, limit = 500): Promise<number> {
  const pending = await repo.eventsToFanOut(deps.db, limit);
  const byPartner = new Map<string, string[]>();
  for (const { eventId, partnerId } of pending) {
    byPartner.set(partnerId, [...(byPartner.get(partnerId) ?? []), eventId]);
  }
  let created = 0;
  for (const [partnerId, eventIds] of byPartner) {
    created += await withTenant(deps.db, { partnerId }, (tx) => repo.fanOut(tx, eventIds, now));
  }
  return created;
}

/** Deliveries whose next attempt is due at `now` (ids, tenant and when it fell due). */
export function deliveriesDue(deps: { db: Knex }, now: Date, limit = 500) {
  return repo.deliveriesDue(deps.db, now, limit);
}

export type AttemptResult =
  | { status: 'skipped' }
  | {
      status: 'succeeded' | 'retrying' | 'failed';
      attempt: number;
      statusCode: number | null;
      nextAttemptAt: Date | null;
      endpointDisabled: boolean;
    };

/** The wire form of an event: `{ id, type, created_at, workspace_id, data }`. */
export function eventEnvelope(event: {
  id: string;
  type: EventType;
  workspace_id: string | null;
  data: unknown;
  created_at: Date;
}): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    created_at: event.created_at.toISOString(),
    workspace_id: event.workspace_id,
    data: event.data,
  });
}

/**
 * Makes one attempt of a due delivery at `now`: signs with the endpoint's secret (and the
 * previous one during a rotation's overlap), POSTs, records the attempt, schedules the next or
 * settles the delivery, and disables the endpoint after 5 days of nothing but failures.
 */
export async function attemptDelivery(
  deps: DispatchDeps,
  ref: { partnerId: string; deliveryId: string },
  now: Date,
): Promise<AttemptResult> {
  const scope = { partnerId: ref.partnerId };
  const claimed = await withTenant(deps.db, scope, (tx) =>
    repo.claimDelivery(tx, ref.deliveryId, now, ATTEMPT_LEASE_MS),
  );
  if (!claimed) return { status: 'skipped' };
  const { endpoint } = claimed;
  const binding = secretBinding(endpoint.id);
  const secrets = [open(deps.vault, endpoint.secret_ciphertext, binding)];
  if (
    endpoint.previous_secret_ciphertext &&
    endpoint.previous_secret_expires_at &&
    endpoint.previous_secret_expires_at > now
  ) {
    secrets.push(open(deps.vault, endpoint.previous_secret_ciphertext, binding));
  }
  const body = eventEnvelope(claimed.event);
  const outcome = await postWebhook(endpoint.url, signedHeaders(claimed.eventId, now, body, secrets), body, {
    allowPrivateNetworks: deps.allowPrivateNetworks,
    timeoutMs: deps.timeoutMs ?? DELIVERY_TIMEOUT_MS,
  });
  const succeeded = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
  const attempt = claimed.attempts + 1;
  const nextAttemptAt = succeeded || attempt >= MAX_ATTEMPTS ? null : nextAttemptAfterFailure(attempt, now);
  const status = succeeded ? 'succeeded' : nextAttemptAt ? 'pending' : 'failed';
  const endpointDisabled = await withTenant(deps.db, scope, async (tx) => {
    await repo.recordAttempt(
      tx,
      {
        id: newId('webhookAttempt'),
        endpointId: endpoint.id,
        deliveryId: claimed.id,
        eventId: claimed.eventId,
        eventType: claimed.eventType,
        succeeded,
        statusCode: outcome.statusCode,
        latencyMs: outcome.latencyMs,
        responseExcerpt: outcome.responseExcerpt,
        error: succeeded ? null : (outcome.error ?? `http_${outcome.statusCode}`),
        attemptedAt: now,
        nextAttemptAt,
      },
      status,
    );
    const disabled = await repo.trackEndpointHealth(
      tx,
      endpoint.id,
      succeeded,
      now,
      DISABLE_AFTER_FAILING_MS,
    );
    if (disabled) {
      await appendPartnerEvent(tx, null, 'webhook_endpoint.disabled', {
        endpoint_id: endpoint.id,
        url: disabled.url,
        failing_since: disabled.failingSince.toISOString(),
        disabled_at: now.toISOString(),
      });
    }
    return disabled !== null;
  });
  if (endpointDisabled) {
    deps.logger?.warn(
      { category: 'webhook', endpointId: endpoint.id, partnerId: ref.partnerId },
      'webhook endpoint disabled after 5 days of failures',
    );
  }
  return {
    status: succeeded ? 'succeeded' : status === 'pending' ? 'retrying' : 'failed',
    attempt,
    statusCode: outcome.statusCode,
    nextAttemptAt,
    endpointDisabled,
  };
}
