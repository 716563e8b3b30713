import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Config, createKnex, createRedis, type Logger } from '@laras/core';
import { parseKeyRing } from '@laras/core/vault';
import { createApp } from './app.ts';

export type RunningApi = { url: string; server: Server; close: () => Promise<void> };

const SHUTDOWN_GRACE_MS = 10_000;

/** Connects to PostgreSQL (as the app role) and Redis, then listens. `close()` drains and disconnects. */
export async function startApiServer(config: Config, logger: Logger): Promise<RunningApi> {
  const db = createKnex({
    url: config.database.appUrl,
    poolMax: config.database.poolMax,
    applicationName: 'laras-api',
    preparedStatementLimit: config.database.preparedStatements,
    pipeline: config.database.pipelining,
  });
  const redis = createRedis(config.redis.url, 'request', 'laras-api');
  redis.on('error', (error) => logger.warn({ category: 'lifecycle', err: error }, 'redis connection error'));
  await redis.connect();
  await db.raw('select 1');

  const app = createApp({ config, db, redis, logger, vault: parseKeyRing(config.encryptionKeys) });
  const server = createServer(app.callback());
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.http.port, config.http.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;
  logger.info({ category: 'lifecycle', port }, 'api listening');

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      logger.info({ category: 'lifecycle' }, 'api shutting down');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await closed;
      clearTimeout(timer);
      await Promise.allSettled([db.destroy(), redis.quit()]);
      logger.info({ category: 'lifecycle' }, 'api stopped');
    })();
    return closing;
  };
  return { url, server, close };
}
