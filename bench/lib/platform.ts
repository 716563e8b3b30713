/**
 * The platform under load, on its own: a scratch database and Redis prefix, the Meta sandbox (for
 * realistic numbers and payloads), the API on port 0 and the workers, all in this process with
 * silent logs. `close()` stops everything and removes the database and the Redis keys.
 */
import { randomBytes } from 'node:crypto';
import { startApiServer } from '@laras/api';
import { type Config, createKnex, createLogger, createRedis, type Knex, loadConfig } from '@laras/core';
import { storeConnection } from '@laras/core/connections';
import { createPartner } from '@laras/core/operator';
import { parseKeyRing } from '@laras/core/vault';
import { createWorkspace } from '@laras/core/workspaces';
import { type MetaSandbox, SANDBOX_DEFAULTS, startMetaSandbox } from '@laras/meta-sandbox';
import { dropDatabase, ensureDatabase, migrateLatest } from '@laras/migrations';
import { startWorkers } from '@laras/workers';

export type BenchTarget = { workspaceId: string; phoneNumberId: string };

export type Platform = {
  config: Config;
  sandbox: MetaSandbox;
  /** Where deliveries go: `POST <webhookUrl>`. */
  webhookUrl: string;
  /** Owner connection (outside row-level security) to read the results. */
  ownerDb: Knex;
  /** One workspace per connected number, all of one partner. */
  targets: BenchTarget[];
  close: () => Promise<void>;
};

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

function benchConfig(sandbox: MetaSandbox, runId: string): Config {
  return loadConfig(benchEnv(sandbox, runId));
}

/** A workspace of the partner with a live WhatsApp connection for a fresh sandbox number. */
async function connectWorkspace(
  config: Config,
  sandbox: MetaSandbox,
  appDb: Knex,
  partnerId: string,
): Promise<BenchTarget> {
  const workspace = await createWorkspace({ db: appDb }, { partnerId }, { name: 'Bench Coffee' });
  const business = sandbox.state.addBusiness();
  const phone = business.phoneNumbers[0];
  if (!phone) throw new Error('the sandbox business has no phone number');
  const scope = { partnerId, workspaceId: workspace.id };
  await storeConnection({ db: appDb, vault: parseKeyRing(config.encryptionKeys) }, scope, {
    channel: 'whatsapp',
    wabaId: business.wabaId,
    phoneNumberId: phone.id,
    displayPhoneNumber: phone.displayPhoneNumber,
    verifiedName: phone.verifiedName,
    token: 'EAAB-bench-token',
    tokenExpiresAt: null,
  });
  return { workspaceId: workspace.id, phoneNumberId: phone.id };
}

/** A partner with `count` connected workspaces. */
async function connectWorkspaces(
  config: Config,
  sandbox: MetaSandbox,
  ownerDb: Knex,
  count: number,
): Promise<BenchTarget[]> {
  const appDb = createKnex({ url: config.database.appUrl, poolMax: 2, applicationName: 'laras-bench-seed' });
  try {
    const { partnerId } = await createPartner(ownerDb, { name: 'Bench Agency' });
    const targets: BenchTarget[] = [];
    for (let i = 0; i < count; i += 1)
      targets.push(await connectWorkspace(config, sandbox, appDb, partnerId));
    return targets;
  } finally {
    await appDb.destroy();
  }
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

export async function startPlatform(workspaces: number): Promise<Platform> {
  const runId = randomBytes(4).toString('hex');
  const sandbox = await startMetaSandbox({ port: 0 });
  const config = benchConfig(sandbox, runId);
  await ensureDatabase(config.database.ownerUrl);
  await migrateLatest(config.database.ownerUrl);
  const ownerDb = createKnex({ url: config.database.ownerUrl, poolMax: 2, applicationName: 'laras-bench' });
  const logger = createLogger({ level: 'silent' });
  const targets = await connectWorkspaces(config, sandbox, ownerDb, workspaces);
  const api = await startApiServer(config, logger);
  const workers = await startWorkers(config, logger);
  const port = new URL(api.url).port;
  return {
    config,
    sandbox,
    webhookUrl: `http://127.0.0.1:${port}/api/webhooks/wa`,
    ownerDb,
    targets,
    close: async () => {
      await Promise.allSettled([api.close(), workers.close()]);
      await Promise.allSettled([ownerDb.destroy(), sandbox.close()]);
      await dropDatabase(config.database.ownerUrl);
      await purgeRedis(config.redis.url, config.redis.prefix);
    },
  };
}
