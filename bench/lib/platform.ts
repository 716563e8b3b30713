/**
 * What every benchmark's platform shares: the environment of a scratch database and Redis prefix
 * for one run (its processes get exactly this environment), and removing the Redis keys after.
 */
import { createRedis, loadConfig } from '@laras/core';
import { type MetaSandbox, SANDBOX_DEFAULTS } from '@laras/meta-sandbox';

/** The machine's database URL with another database name. */
function withDatabase(url: string, name: string): string {
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
