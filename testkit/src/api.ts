/**
 * The API under test: the real app on an ephemeral loopback port, with the real PostgreSQL (this
 * run's scratch database, as the app role) and Redis, asking its own DNS stand-in (never the real
 * DNS) to verify portal hostnames. Every response is checked against the spec.
 */
import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '@laras/api';
import { type Config, createKnex, createLogger, createRedis, type Knex, type Redis } from '@laras/core';
import { parseKeyRing } from '@laras/core/vault';
import { dropDatabase, ensureDatabase, migrateLatest } from '@laras/migrations';
import { inject } from 'vitest';
import { testConfig } from './config.ts';
import { contractProblems, eventProblems } from './contract.ts';
import { type DnsStandIn, startDnsStandIn } from './dns-stand-in.ts';

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
  /** The DNS server this API asks (unless `DNS_SERVERS` was overridden): set TXT records on it. */
  dns: DnsStandIn;
  call: <T = unknown>(method: string, path: string, options?: CallOptions) => Promise<ApiResponse<T>>;
  close: () => Promise<void>;
};

export type TestApiOptions = {
  /** Collects every log line (JSON, level debug) instead of discarding logs, to assert on them. */
  logLines?: string[];
  /**
   * A database and Redis prefix of this API's own (dropped on close), for tests that run the
   * workers: their sweepers act on every tenant of the database, and would otherwise send other
   * test files' drafts through this file's Meta sandbox.
   */
  ownServices?: boolean;
};

/** A migrated scratch database and a Redis prefix inside this run's, for one test file. */
export async function ownServices(): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const suffix = randomBytes(4).toString('hex');
  const url = new URL(inject('databaseUrl'));
  url.pathname = `${url.pathname}_${suffix}`;
  const databaseUrl = url.toString();
  await ensureDatabase(databaseUrl);
  await migrateLatest(databaseUrl);
  return {
    env: { DATABASE_URL: databaseUrl, REDIS_PREFIX: `${inject('redisPrefix')}${suffix}:` },
    drop: () => dropDatabase(databaseUrl),
  };
}

export async function startTestApi(
  overrides: Record<string, string> = {},
  options: TestApiOptions = {},
): Promise<TestApi> {
  // Listen first, so PUBLIC_URL (links, OAuth redirect URIs) can be this server's real address.
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const own = options.ownServices ? await ownServices() : undefined;
  const dns = await startDnsStandIn();
  const config = testConfig({ PUBLIC_URL: url, DNS_SERVERS: dns.address, ...own?.env, ...overrides });
  const lines = options.logLines;
  const logger = lines
    ? createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(line) } })
    : createLogger({ level: 'silent' });
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
    // fetch() replaces a Host header with the URL's; portal tests need the real one.
    const hasHost = Object.keys(headers).some((h) => h.toLowerCase() === 'host');
    const response = hasHost
      ? await sendWithHost(`${url}${path}`, method, headers, payload)
      : await fetch(`${url}${path}`, {
          method,
          headers,
          // A plain Uint8Array is a body under both Node's and the DOM's fetch types.
          body: Buffer.isBuffer(payload) ? new Uint8Array(payload) : payload,
        });
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
    dns,
    call,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dns.close();
      // Every event the test made the platform emit must be one the spec's catalog describes.
      const problems = own ? await outboxProblems(ownerDb).catch((error: Error) => [error.message]) : [];
      await Promise.allSettled([appDb.destroy(), ownerDb.destroy(), redis.quit()]);
      await own?.drop();
      if (problems.length > 0) {
        throw new Error(`Events do not match the spec's event catalog:\n${problems.join('\n')}`);
      }
    },
  };
}

/** Checks every event in the outbox, as partners receive it, against the spec. */
async function outboxProblems(ownerDb: Knex): Promise<string[]> {
  const rows = await ownerDb('events').select('id', 'type', 'created_at', 'workspace_id', 'data');
  return rows.flatMap((row) =>
    eventProblems({
      id: row.id,
      type: row.type,
      created_at: row.created_at.toISOString(),
      workspace_id: row.workspace_id,
      data: row.data,
    }).map((problem) => `${row.id} ${problem}`),
  );
}

/** One request over node:http, which sends the given Host header as is. */
function sendWithHost(
  target: string,
  method: string,
  headers: Record<string, string>,
  payload: string | Buffer | undefined,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(target, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const item of Array.isArray(value) ? value : [value ?? '']) responseHeaders.append(name, item);
        }
        const status = res.statusCode ?? 0;
        const body = status === 204 || status === 304 ? null : Buffer.concat(chunks);
        resolve(new Response(body, { status, headers: responseHeaders }));
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}
