import { type Config, createKnex, createRedis, type Logger, runWithContext } from '@laras/core';
import { createDrafter, type DraftInput, withOfflineFallback } from '@laras/core/drafting';
import { createInstagramClient, createMessagingClient, createWhatsAppClient } from '@laras/core/meta';
import { createSvixClient } from '@laras/core/svix';
import { parseKeyRing } from '@laras/core/vault';
import { storedDeliveriesChannel } from '@laras/core/webhooks';
import { type Job, Worker } from 'bullmq';
import { catalog, type JobSpec, type QueueName } from './catalog.ts';
import { queuePrefix } from './connection.ts';
import { FairShare, withFairShare } from './fair-share.ts';
import { startDeliveryHandoff } from './handoff.ts';
import { deliverWebhook } from './jobs/deliver-webhook.ts';
import { draftReplyJob } from './jobs/draft-reply.ts';
import { eraseDeletedData } from './jobs/erase-deleted-data.ts';
import { expireDrafts } from './jobs/expire-drafts.ts';
import { processWebhookEvent } from './jobs/process-webhook-event.ts';
import { pruneDeliveries } from './jobs/prune-deliveries.ts';
import { pruneEvents } from './jobs/prune-events.ts';
import { publishSvixEvents } from './jobs/publish-svix-events.ts';
import { purgeIdempotencyKeys } from './jobs/purge-idempotency-keys.ts';
import { refreshTokens } from './jobs/refresh-instagram-tokens.ts';
import { sendDraftJob } from './jobs/send-draft.ts';
import { sweepDrafts } from './jobs/sweep-drafts.ts';
import { sweepSends } from './jobs/sweep-sends.ts';
import { sweepWebhookDeliveries } from './jobs/sweep-webhook-deliveries.ts';
import { sweepWebhookEvents } from './jobs/sweep-webhook-events.ts';
import { unsubscribeAccounts } from './jobs/unsubscribe-accounts.ts';
import { warnExpiringWindowsJob } from './jobs/warn-expiring-windows.ts';
import { createQueues, type Queues } from './queues.ts';

export type RunningWorkers = { queues: Queues; close: () => Promise<void> };

export type StartOptions = {
  /** Overrides the 15 s timeout of one webhook delivery attempt (tests). */
  deliveryTimeoutMs?: number;
};

/** Puts every repeating job of the catalog on its schedule; repeating it changes nothing. */
async function scheduleRepeatingJobs(queues: Queues): Promise<void> {
  for (const [name, queue] of Object.entries(catalog) as Array<[QueueName, (typeof catalog)[QueueName]]>) {
    for (const [job, spec] of Object.entries(queue.jobs) as Array<[string, JobSpec]>) {
      if (spec.every === undefined) continue;
      await queues[name].upsertJobScheduler(
        `${job}:schedule`,
        { every: spec.every },
        { name: job, data: {} },
      );
    }
  }
}

/**
 * Starts one BullMQ worker per queue of the catalog, schedules the repeating jobs, and returns a
 * `close()` that lets running jobs finish before disconnecting.
 */
export async function startWorkers(
  config: Config,
  logger: Logger,
  options: StartOptions = {},
): Promise<RunningWorkers> {
  // One connection per busy slot of the pipeline queues (a drafting job holds two at once); with 5,
  // jobs waited for a connection instead of for PostgreSQL. Lazily opened (pool min 0).
  const db = createKnex({
    url: config.database.appUrl,
    poolMax: 20,
    applicationName: 'laras-workers',
    preparedStatementLimit: config.database.preparedStatements,
    pipeline: config.database.pipelining,
  });
  const connection = createRedis(config.redis.url, 'queue', 'laras-workers');
  connection.on('error', (error) => logger.warn({ category: 'queue', err: error }, 'redis connection error'));
  await connection.connect();
  const prefix = queuePrefix(config);
  const vault = parseKeyRing(config.encryptionKeys);
  const instagram = createInstagramClient(config.meta);
  const whatsapp = createWhatsAppClient(config.meta);
  const messaging = createMessagingClient(config.meta);
  const queues = createQueues(connection, prefix);
  const now = () => new Date();
  const drafter = createDrafter(config.drafting.openAi ? { openAi: config.drafting.openAi } : {});
  const lastTryDrafter = withOfflineFallback(drafter);
  // With Svix configured, the webhooks sweeper publishes there instead of the built-in dispatcher.
  const svix = config.webhooks.svix ? createSvixClient(config.webhooks.svix) : undefined;

  const handlers: { [Q in QueueName]: (job: Job) => Promise<unknown> } = {
    tokens: async (job) => {
      if (job.name === 'refresh-instagram-tokens') return refreshTokens({ db, vault, instagram, logger });
      if (job.name === 'unsubscribe-accounts')
        return unsubscribeAccounts({ db, vault, whatsapp, instagram, logger });
      throw new Error(`Unknown tokens job ${job.name}`);
    },
    inbound: async (job) => {
      if (job.name === 'sweep-webhook-events') return sweepWebhookEvents({ db, queues, logger });
      if (job.name === 'process-webhook-event') {
        const { webhookEventId } = catalog.inbound.jobs['process-webhook-event'].payload.parse(job.data);
        return processWebhookEvent({ db, logger, queues }, webhookEventId);
      }
      throw new Error(`Unknown inbound job ${job.name}`);
    },
    drafting: async (job) => {
      if (job.name === 'sweep-drafts') return sweepDrafts({ db, queues, logger });
      if (job.name === 'draft-reply') {
        const ref = catalog.drafting.jobs['draft-reply'].payload.parse(job.data);
        const attempt = { made: job.attemptsMade, allowed: job.opts.attempts ?? 1 };
        const drafters = {
          draft: (input: DraftInput) => drafter.draft(input),
          lastTry: (input: DraftInput) => lastTryDrafter.draft(input),
        };
        return draftReplyJob({ db, logger, queues, ...drafters }, ref, attempt);
      }
      throw new Error(`Unknown drafting job ${job.name}`);
    },
    sending: async (job) => {
      if (job.name === 'sweep-sends') return sweepSends({ db, queues, logger });
      if (job.name === 'send-draft') {
        const ref = catalog.sending.jobs['send-draft'].payload.parse(job.data);
        const attempt = { made: job.attemptsMade, allowed: job.opts.attempts ?? 1 };
        return sendDraftJob({ db, vault, messaging, logger }, ref, attempt);
      }
      throw new Error(`Unknown sending job ${job.name}`);
    },
    webhooks: async (job) => {
      if (job.name === 'sweep-webhook-deliveries') {
        if (svix) return publishSvixEvents({ db, svix, logger, now });
        return sweepWebhookDeliveries({ db, queues, logger, now });
      }
      if (job.name === 'deliver-webhook') {
        const ref = catalog.webhooks.jobs['deliver-webhook'].payload.parse(job.data);
        const allowPrivateNetworks = config.webhooks.allowPrivateNetworks;
        const timeout = options.deliveryTimeoutMs ? { timeoutMs: options.deliveryTimeoutMs } : {};
        return deliverWebhook({ db, vault, logger, allowPrivateNetworks, now, ...timeout }, ref);
      }
      throw new Error(`Unknown webhooks job ${job.name}`);
    },
    maintenance: async (job) => {
      if (job.name === 'purge-idempotency-keys') return purgeIdempotencyKeys({ db, logger });
      if (job.name === 'prune-events') return pruneEvents({ db, logger });
      if (job.name === 'prune-deliveries') return pruneDeliveries({ db, logger });
      if (job.name === 'erase-deleted-data') return eraseDeletedData({ db, logger });
      if (job.name === 'expire-drafts') return expireDrafts({ db, logger });
      if (job.name === 'warn-expiring-windows') return warnExpiringWindowsJob({ db, logger });
      throw new Error(`Unknown maintenance job ${job.name}`);
    },
  };

  const workers = (Object.keys(catalog) as QueueName[]).map((name) => {
    const jobs: Readonly<Record<string, JobSpec>> = catalog[name].jobs;
    // One share per job with a fairShare, for this process's worker of the queue.
    const shares = new Map(
      Object.entries(jobs).flatMap(([job, spec]) =>
        spec.fairShare
          ? [[job, { spec: spec.fairShare, share: new FairShare(spec.fairShare.limit) }] as const]
          : [],
      ),
    );
    const run = (job: Job, token: string | undefined) => {
      const fair = shares.get(job.name);
      if (!fair) return handlers[name](job);
      return withFairShare(fair.share, fair.spec, job, token, () => handlers[name](job));
    };
    const worker = new Worker(
      name,
      (job, token) => runWithContext({ jobId: `${name}:${job.id}` }, () => run(job, token)),
      { connection, prefix, concurrency: catalog[name].concurrency },
    );
    worker.on('failed', (job, error) =>
      logger.warn(
        { category: 'queue', queue: name, job: job?.name, attempts: job?.attemptsMade, err: error },
        'job failed',
      ),
    );
    worker.on('error', (error) =>
      logger.error({ category: 'queue', queue: name, err: error }, 'worker error'),
    );
    return worker;
  });

  await scheduleRepeatingJobs(queues);
  // A Redis that restarts without its data forgets the schedules (the inbound sweeper among them);
  // they are set again whenever the connection comes back, so nothing stays unswept.
  // The first 'ready' has already fired (connect() above), so each one from here is a reconnect.
  connection.on('ready', () => {
    scheduleRepeatingJobs(queues).then(
      () => logger.info({ category: 'queue' }, 'job schedules restored after reconnect'),
      (error: unknown) => logger.warn({ category: 'queue', err: error }, 'job schedules not restored'),
    );
  });
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  // Deliveries the API announces are queued at once; the inbound sweeper is the fallback.
  const subscriber = createRedis(config.redis.url, 'queue', 'laras-workers-handoff');
  subscriber.on('error', (error) => logger.warn({ category: 'queue', err: error }, 'redis connection error'));
  await subscriber.connect();
  const channel = storedDeliveriesChannel(config.redis.prefix);
  const handoff = await startDeliveryHandoff({ subscriber, channel, queues, logger });
  logger.info({ category: 'lifecycle', queues: Object.keys(catalog) }, 'workers started');

  let closing: Promise<void> | undefined;
  return {
    queues,
    close: () => {
      closing ??= (async () => {
        logger.info({ category: 'lifecycle' }, 'workers shutting down');
        await handoff.close();
        await Promise.all(workers.map((worker) => worker.close()));
        await queues.close();
        await Promise.allSettled([subscriber.quit(), connection.quit(), db.destroy()]);
        logger.info({ category: 'lifecycle' }, 'workers stopped');
      })();
      return closing;
    },
  };
}
