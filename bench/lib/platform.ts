/**
 * What every benchmark's platform shares: the environment of a scratch database and Redis prefix
 * for one run (its processes get exactly this environment), removing the Redis keys after, and
 * `openScratchPlatform` — the Meta sandbox, that database created and migrated, an owner
 * connection, and one list of cleanups that `close()` runs in reverse (stop what was started,
 * drop the database, delete the Redis keys), also after a failure.
 */
import { randomBytes } from 'node:crypto';
import { type Config, createKnex, createRedis, type Knex, loadConfig } from '@laras/core';
import { type MetaSandbox, SANDBOX_DEFAULTS, startMetaSandbox } from '@laras/meta-sandbox';
import { dropDatabase, ensureDatabase, migrateLatest } from '@laras/migrations';

/** The machine's database URL with another database name. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * The environment of a bench platform: the sandbox's Meta URLs, a scratch database
 * `laras_bench_<runId>` and the Redis prefix `laras_bench:<runId>:`, silent logs. Child processes
 * (the pipeline bench runs the API and the workers on their own) get exactly this environment.
 */
export function benchEnv(sandbox: MetaSandbox, runId: string): Record<string, string> {
  const machine = loadConfig();
  const database = `laras_bench_${runId}`;
  return {
    ...sandbox.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    DATABASE_URL: withDatabase(machine.database.ownerUrl, database),
    DATABASE_APP_URL: withDatabase(machine.database.appUrl, database),
    REDIS_URL: machine.redis.url,
    REDIS_PREFIX: `laras_bench:${runId}:`,
    PORT: '0',
    HOST: '127.0.0.1',
    DEMO_SEED: 'false',
    META_APP_SECRET: SANDBOX_DEFAULTS.appSecret,
  };
}

/** Deletes every key under the run's Redis prefix (queues, rate limits). */
export async function purgeRedis(url: string, prefix: string): Promise<void> {
  const redis = createRedis(url, 'request', 'laras-bench-cleanup');
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export type ScratchPlatform = {
  runId: string;
  sandbox: MetaSandbox;
  /** The environment the platform's child processes get (`benchEnv` plus the caller's additions). */
  env: Record<string, string>;
  config: Config;
  /** Owner connection (bypasses row-level security), application name `laras-bench`. */
  ownerDb: Knex;
  databaseName: string;
  /** Adds a step for `close()`; steps run in reverse order of adding, failures are ignored. */
  onClose: (step: () => Promise<unknown>) => void;
  /** Runs the cleanups once (the caller calls it after a failure of its own, too). */
  close: () => Promise<void>;
};

/**
 * Starts the Meta sandbox in this process, builds the run's environment (`env` gets `benchEnv` and
 * returns what the children should see), creates and migrates the scratch database and opens an
 * owner connection. If any of this fails, what was opened is closed before the error is thrown.
 */
export async function openScratchPlatform(options: {
  env: (base: Record<string, string>) => Record<string, string>;
  ownerPoolMax: number;
}): Promise<ScratchPlatform> {
  const runId = randomBytes(4).toString('hex');
  const sandbox = await startMetaSandbox({ port: 0 });
  const cleanups: Array<() => Promise<unknown>> = [() => sandbox.close()];
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    for (const step of cleanups.reverse()) await step().catch(() => undefined);
  };
  try {
    const env = options.env(benchEnv(sandbox, runId));
    const config = loadConfig(env);
    await ensureDatabase(config.database.ownerUrl);
    cleanups.push(() => purgeRedis(config.redis.url, config.redis.prefix));
    cleanups.push(() => dropDatabase(config.database.ownerUrl));
    await migrateLatest(config.database.ownerUrl);
    const ownerDb = createKnex({
      url: config.database.ownerUrl,
      poolMax: options.ownerPoolMax,
      applicationName: 'laras-bench',
    });
    cleanups.push(() => ownerDb.destroy());
    return {
      runId,
      sandbox,
      env,
      config,
      ownerDb,
      databaseName: new URL(config.database.ownerUrl).pathname.slice(1),
      onClose: (step) => {
        cleanups.push(step);
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
