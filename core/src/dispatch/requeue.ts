/**
 * Manual redelivery: one event again (resend), or every failed delivery since a time (recover).
 * Either starts a fresh retry schedule; the sweeper queues the attempt within a second.
 */
import type { Knex } from 'knex';
import type { WebhooksConfig } from '../config/index.ts';
import type { TenantTx } from '../db/index.ts';
import { type PartnerScope, withTenant } from '../db/index.ts';
import { AppError, notFound } from '../errors/index.ts';
import { assertBuiltInDispatcher } from '../svix/managed.ts';
import { findEndpoint } from '../webhook-endpoints/repository.ts';
import * as repo from './requeue-repository.ts';

async function enabledEndpoint(tx: TenantTx, endpointId: string) {
  const endpoint = await findEndpoint(tx, endpointId);
  if (!endpoint) throw notFound('webhook endpoint');
  if (endpoint.disabled) {
    throw new AppError('conflict', 'The endpoint is disabled; enable it before delivering to it again.');
  }
  return endpoint;
}

/** Attempts `eventId` to the endpoint again now; 404 for another partner's endpoint or event. */
export async function resendWebhookEvent(
  deps: { db: Knex; config: { webhooks: WebhooksConfig } },
  scope: PartnerScope,
  endpointId: string,
  eventId: string,
  now: Date = new Date(),
): Promise<{ requeued: number }> {
  assertBuiltInDispatcher(deps.config);
  return withTenant(deps.db, scope, async (tx) => {
    await enabledEndpoint(tx, endpointId);
    const event = await repo.findEvent(tx, eventId);
    if (!event) throw notFound('event');
    await repo.requeueEvent(tx, endpointId, event, now);
    return { requeued: 1 };
  });
}

/** Attempts again every delivery to the endpoint that failed for an event since `since`. */
export async function recoverWebhookEndpoint(
  deps: { db: Knex; config: { webhooks: WebhooksConfig } },
  scope: PartnerScope,
  endpointId: string,
  since: Date,
  now: Date = new Date(),
): Promise<{ requeued: number }> {
  assertBuiltInDispatcher(deps.config);
  return withTenant(deps.db, scope, async (tx) => {
    await enabledEndpoint(tx, endpointId);
    return { requeued: await repo.requeueFailedSince(tx, endpointId, since, now) };
  });
}
