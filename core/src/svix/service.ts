/**
 * The Svix publisher: partner events go to Svix, one application per partner (uid = partner id,
 * created once and remembered), one message per event whose eventId and idempotency key are the
 * event's id, so a retry — even after Svix accepted but before we marked it — never duplicates.
 * Time comes from the caller (`now`), so tests drive the backoff without waiting.
 */
import type { Knex } from 'knex';
import type { Svix } from 'svix';
import type { WebhooksConfig } from '../config/index.ts';
import { type PartnerScope, withTenant } from '../db/index.ts';
import { eventEnvelope } from '../dispatch/service.ts';
import { AppError } from '../errors/index.ts';
import type { Logger } from '../logger.ts';
import { createSvixClient } from './client.ts';
import { classifySvixFailure, type SvixFailure } from './failure.ts';
import * as repo from './repository.ts';
import { nextPublishAttempt, PUBLISH_LEASE_MS, svixEventId } from './schedule.ts';

export type PublishDeps = { db: Knex; svix: Svix; logger?: Logger };

export type PublishResult =
  | { status: 'skipped' }
  | { status: 'published'; messageId: string | null }
  | { status: 'retrying'; attempts: number; nextAttemptAt: Date; error: string }
  | { status: 'failed'; attempts: number; error: string };

/** Creates the partner's Svix application unless it is known to exist; idempotent at Svix too. */
async function ensureApplication(deps: { db: Knex; svix: Svix }, scope: PartnerScope): Promise<void> {
  const app = await withTenant(deps.db, scope, (tx) => repo.partnerApplication(tx));
  if (app.applicationCreated) return;
  await deps.svix.application.getOrCreate({ name: app.name, uid: scope.partnerId });
  await withTenant(deps.db, scope, (tx) => repo.markApplicationCreated(tx));
}

/**
 * Records a failed attempt: a duplicate eventId means Svix already has the event (published); a
 * 404 means Svix no longer has the application we remembered (forget it, retry: it is recreated);
 * any other 4xx fails the event for good; 429, 5xx and network errors are retried with backoff.
 */
async function recordFailure(
  deps: PublishDeps,
  scope: PartnerScope,
  event: { id: string; attempts: number },
  failure: SvixFailure,
  now: Date,
): Promise<PublishResult> {
  const { id, attempts } = event;
  if (failure.kind === 'duplicate') {
    await withTenant(deps.db, scope, (tx) =>
      repo.settleEvent(tx, id, { messageId: null, error: null, attempts }),
    );
    return { status: 'published', messageId: null };
  }
  if (failure.kind === 'permanent' && failure.status !== 404) {
    const error = `svix_${failure.status}: ${failure.detail}`;
    await withTenant(deps.db, scope, (tx) => repo.settleEvent(tx, id, { messageId: null, error, attempts }));
    deps.logger?.warn(
      { category: 'webhook', eventId: id, partnerId: scope.partnerId, status: failure.status },
      'svix refused an event; it will not be retried',
    );
    return { status: 'failed', attempts, error };
  }
  const error = `${failure.status === null ? 'network' : `svix_${failure.status}`}: ${failure.detail}`;
  const nextAttemptAt = nextPublishAttempt(attempts, now);
  await withTenant(deps.db, scope, async (tx) => {
    if (failure.kind === 'permanent') await repo.forgetApplication(tx);
    await repo.scheduleRetry(tx, id, { attempts, nextAttemptAt, error });
  });
  return { status: 'retrying', attempts, nextAttemptAt, error };
}

/** One publishing attempt of one event at `now`; the outcome is recorded on the event, never thrown. */
export async function publishEvent(
  deps: PublishDeps,
  ref: { partnerId: string; eventId: string },
  now: Date,
): Promise<PublishResult> {
  const scope = { partnerId: ref.partnerId };
  const leaseUntil = new Date(now.getTime() + PUBLISH_LEASE_MS);
  const event = await withTenant(deps.db, scope, (tx) => repo.claimEvent(tx, ref.eventId, now, leaseUntil));
  if (!event) return { status: 'skipped' };
  const attempts = event.svix_attempts + 1;
  let messageId: string;
  try {
    await ensureApplication(deps, scope);
    const message = await deps.svix.message.create(
      ref.partnerId,
      { eventType: event.type, eventId: svixEventId(event.id), payload: JSON.parse(eventEnvelope(event)) },
      { idempotencyKey: event.id },
    );
    messageId = message.id;
  } catch (error) {
    return recordFailure(deps, scope, { id: event.id, attempts }, classifySvixFailure(error), now);
  }
  await withTenant(deps.db, scope, (tx) =>
    repo.settleEvent(tx, event.id, { messageId, error: null, attempts }),
  );
  return { status: 'published', messageId };
}

/** Publishes every event due at `now` (oldest first); returns how each attempt ended. */
export async function publishDueEvents(deps: PublishDeps, now: Date, limit = 100) {
  const due = await repo.eventsToPublish(deps.db, now, limit);
  const counts = { published: 0, retrying: 0, failed: 0, skipped: 0 };
  for (const ref of due) {
    const result = await publishEvent(deps, ref, now);
    counts[result.status] += 1;
  }
  return counts;
}

/** App Portal links last an hour: long enough to use, short enough not to linger in a browser. */
export const PORTAL_SESSION_SECONDS = 3600;

/**
 * An App Portal link for the partner's own Svix application (created first if needed), where it
 * manages its endpoints. Without Svix configured, 409: endpoints are managed through `/v1`.
 */
export async function createWebhookPortalSession(
  deps: { db: Knex; config: { webhooks: WebhooksConfig } },
  scope: PartnerScope,
  now: Date,
): Promise<{ url: string; expiresAt: Date }> {
  const config = deps.config.webhooks.svix;
  if (!config) {
    throw new AppError(
      'conflict',
      'Svix is not configured: manage webhook endpoints through /v1/webhook-endpoints.',
    );
  }
  const svix = createSvixClient(config);
  try {
    await ensureApplication({ db: deps.db, svix }, scope);
    const access = await svix.authentication.appPortalAccess(scope.partnerId, {
      expiry: PORTAL_SESSION_SECONDS,
    });
    return { url: access.url, expiresAt: new Date(now.getTime() + PORTAL_SESSION_SECONDS * 1000) };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('service_unavailable', 'Svix could not open an App Portal session; try again.', {
      cause: error,
    });
  }
}
