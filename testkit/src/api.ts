/**
 * The API under test: the real app on an ephemeral loopback port, with the real PostgreSQL (this
 * run's scratch database, as the app role) and Redis. Every response is checked against the spec.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '@laras/api';
import { type Config, createKnex, createLogger, createRedis, type Knex, type Redis } from '@laras/core';
import { parseKeyRing } from '@laras/core/vault';
import { testConfig } from './config.ts';
import { contractProblems } from './contract.ts';

export type ApiResponse<T = unknown> = { status: number; headers: Headers; body: T };

export type CallOptions = {
  key?: string | null;
  body?: unknown;
  /** Sent as-is instead of JSON-encoding `body`. */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
};

export type TestApi = {
  url: string;
  config: Config;
  /** Owner connection (outside row-level security) for factories and assertions on rows. */
  ownerDb: Knex;
  appDb: Knex;
  redis: Redis;
  call: <T = unknown>(method: string, path: string, options?: CallOptions) => Promise<ApiResponse<T>>;
  close: () => Promise<void>;
};

export async function startTestApi(overrides: Record<string, string> = {}): Promise<TestApi> {
  // Listen first, so PUBLIC_URL (links, OAuth redirect URIs) can be this server's real address.
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = testConfig({ PUBLIC_URL: url, ...overrides });
  const logger = createLogger({ level: 'silent' });
  const appDb = createKnex({ url: config.database.appUrl, poolMax: 5, applicationName: 'laras-test-api' });
  const ownerDb = createKnex({
    url: config.database.ownerUrl,
    poolMax: 3,
    applicationName: 'laras-test-owner',
  });
  const redis = createRedis(config.redis.url, 'request', 'laras-test-api');
  await redis.connect();
  const app = createApp({ config, db: appDb, redis, logger, vault: parseKeyRing(config.encryptionKeys) });
  server.on('request', app.callback());

  async function call<T>(method: string, path: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.key) headers.Authorization = `Bearer ${options.key}`;
    let payload: string | Buffer | undefined = options.rawBody;
    if (payload === undefined && options.body !== undefined) payload = JSON.stringify(options.body);
    if (payload !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(`${url}${path}`, { method, headers, body: payload });
    const text = await response.text();
    const body =
      text === ''
        ? undefined
        : response.headers.get('content-type')?.includes('json')
          ? JSON.parse(text)
          : text;
    const problems = contractProblems(method, new URL(path, url).pathname, response.status, body);
    if (problems.length > 0) {
      throw new Error(`Response does not match openapi.yaml:\n${problems.join('\n')}\n${text}`);
    }
    return { status: response.status, headers: response.headers, body: body as T };
  }

  return {
    url,
    config,
    ownerDb,
    appDb,
    redis,
    call,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([appDb.destroy(), ownerDb.destroy(), redis.quit()]);
    },
  };
}
