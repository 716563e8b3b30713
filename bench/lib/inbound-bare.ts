/**
 * The ingest bench's ceiling: a bare Koa server, run as a child process of its own, that does only
 * what no webhook endpoint can skip — read the raw body, check `X-Hub-Signature-256` with the
 * endpoint's app secret (the API's own `verifyMetaSignature`), answer 200 — and stores nothing.
 * Measured at the same rates as the real API, it shows how much of the cost is HTTP, Koa and the
 * HMAC on this machine, and how much is the real server's middleware and its durable write.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '@laras/core';
import { verifyMetaSignature } from '@laras/core/webhooks';
import Koa from 'koa';
import getRawBody from 'raw-body';

const BODY_LIMIT_BYTES = 1024 * 1024;

/** The same configuration as the real API (its environment), read once. */
const { meta } = loadConfig();
const secrets: Record<string, string | undefined> = {
  '/api/webhooks/wa': meta.appSecret,
  '/api/webhooks/instagram': meta.instagramAppSecret,
};

const app = new Koa();
app.use(async (ctx) => {
  const secret = secrets[ctx.path];
  if (ctx.method !== 'POST' || !secret) {
    ctx.status = 404;
    return;
  }
  const raw = await getRawBody(ctx.req, {
    limit: BODY_LIMIT_BYTES,
    length: ctx.get('Content-Length') || undefined,
  });
  if (!verifyMetaSignature(raw, ctx.get('X-Hub-Signature-256') || undefined, secret)) {
    ctx.status = 401;
    return;
  }
  ctx.body = { received: true };
});

const server = createServer(app.callback());
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ kind: 'ready', url: `http://127.0.0.1:${port}` });
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('disconnect', stop);
