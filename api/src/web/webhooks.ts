/**
 * Meta's webhooks: the GET verification handshake and the signed event POSTs of WhatsApp and
 * Instagram. A POST is checked against `X-Hub-Signature-256` over the raw bytes before anything
 * parses it, stored raw, and only then acknowledged (once the batch it joined has committed); the
 * work happens later in a worker.
 */
import type Router from '@koa/router';
import { AppError } from '@laras/core';
import {
  announceStoredDeliveries,
  createWebhookStore,
  storedDeliveriesChannel,
  verifyHandshake,
  verifyMetaSignature,
  type WebhookSource,
} from '@laras/core/webhooks';
import getRawBody from 'raw-body';
import type { AppDeps } from '../deps.ts';
import type { AppContext, AppState } from '../state.ts';

/** The body's exact bytes, at most `limitBytes` (413 past it, without reading further). */
async function readRawBody(ctx: AppContext, limitBytes: number): Promise<Buffer> {
  try {
    return await getRawBody(ctx.req, { limit: limitBytes, length: ctx.get('Content-Length') || undefined });
  } catch (error) {
    if ((error as { type?: string }).type === 'entity.too.large') {
      throw new AppError('payload_too_large', `The body is larger than ${limitBytes} bytes.`);
    }
    throw new AppError('invalid_request', 'The body could not be read.', { cause: error });
  }
}

/** Mounts GET (handshake) and POST (deliveries) of `/api/webhooks/wa` and `/api/webhooks/instagram`. */
export function registerWebhookRoutes(router: Router<AppState>, deps: AppDeps): void {
  const { meta, http } = deps.config;
  const endpoints: Array<{ path: string; source: WebhookSource; secret: string }> = [
    { path: '/api/webhooks/wa', source: 'whatsapp', secret: meta.appSecret },
    { path: '/api/webhooks/instagram', source: 'instagram', secret: meta.instagramAppSecret },
  ];
  // One store per app: deliveries to both endpoints share its batches (group commit). Each
  // committed batch is announced to the workers; if Redis is away the sweeper finds them anyway
  // (and the connection's own error listener has already said so).
  const channel = storedDeliveriesChannel(deps.config.redis.prefix);
  const onStored = (ids: string[]) =>
    announceStoredDeliveries(deps.redis, channel, ids, (error) =>
      deps.logger.debug({ category: 'webhook', err: error }, 'stored deliveries not announced'),
    );
  const webhooks = createWebhookStore({ ...deps, onStored }, http.webhookBatch);

  for (const { path, source, secret } of endpoints) {
    router.get(path, async (ctx) => {
      const challenge = verifyHandshake(ctx.query, meta.verifyToken);
      if (challenge === null) {
        throw new AppError('forbidden', 'hub.mode must be subscribe and hub.verify_token must match.');
      }
      ctx.type = 'text/plain';
      ctx.body = challenge;
    });

    router.post(path, async (ctx) => {
      const raw = await readRawBody(ctx, http.webhookBodyLimitBytes);
      if (!verifyMetaSignature(raw, ctx.get('X-Hub-Signature-256') || undefined, secret)) {
        deps.logger.warn({ category: 'webhook', source }, 'webhook signature rejected');
        throw new AppError('unauthenticated', 'X-Hub-Signature-256 is missing or does not match the body.');
      }
      await webhooks.store(source, raw);
      ctx.body = { received: true };
    });
  }
}
