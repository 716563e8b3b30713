/**
 * The platform of the pipeline bench: a scratch database and Redis prefix (as the ingest bench),
 * the Meta sandbox in this process (it plays Meta: receives sends, emits status webhooks), and the
 * API and the workers as **child processes** (`api/src/main.ts`, `workers/src/main.ts`, the way
 * they run in production), so their CPU and memory are their own and not the load generator's.
 * N workspaces each get a live WhatsApp number with a token the sandbox issued, a business
 * context the built-in drafter answers from, and review rules that auto-send on WhatsApp.
 * `close()` stops the children and removes the database and the Redis keys, also after a failure.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Config, createKnex, createRedis, type Knex, loadConfig } from '@laras/core';
import { replaceBusinessContext } from '@laras/core/business-context';
import { createPartner } from '@laras/core/operator';
import { replaceReviewRules } from '@laras/core/review-rules';
import { parseKeyRing } from '@laras/core/vault';
import { createWorkspace } from '@laras/core/workspaces';
import { type MetaSandbox, startMetaSandbox } from '@laras/meta-sandbox';
import { dropDatabase, ensureDatabase, migrateLatest } from '@laras/migrations';
import { connectSandboxAccount } from '@laras/testkit';
import { createQueues, type Queues } from '@laras/workers';
import { SHOP_CONTEXT, SHOP_RULES } from './pipeline-shop.ts';
import { benchEnv, purgeRedis } from './platform.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;

export type ShopTarget = { workspaceId: string; phoneNumberId: string };

export type Service = {
  name: 'api' | 'workers';
  child: ChildProcess;
  pid: number;
  /** The last lines it wrote to stderr / stdout (warnings and errors only, by log level). */
  output: () => string;
};

export type PipelinePlatform = {
  config: Config;
  sandbox: MetaSandbox;
  webhookUrl: string;
  ownerDb: Knex;
  /** The workers' queues, read from here for backlogs (this process runs no worker). */
  queues: Queues;
  targets: ShopTarget[];
  api: Service;
  workers: Service;
  close: () => Promise<void>;
};

export type PipelineOptions = {
  workspaces: number;
  /** Status webhooks the sandbox sends after each accepted send. */
  statuses: Array<'sent' | 'delivered' | 'read'>;
  statusDelayMs: number;
  logLevel: string;
  /** Extra environment for both children (e.g. to try a setting without editing code). */
  extraEnv: Record<string, string>;
  /** Extra node flags for both children (e.g. `--cpu-prof`). */
  nodeArgs: string[];
  /** The workers' entry point, relative to the repository root (another copy, to compare a change). */
  workersScript: string;
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** Runs `node --import tsx <script>` from the repository root with exactly `env` (plus PATH/HOME). */
function spawnService(
  name: Service['name'],
  script: string,
  env: Record<string, string>,
  nodeArgs: string[],
): Service {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  return { name, child, pid: child.pid, output: () => tail };
}

async function waitUntil(what: string, service: Service, check: () => Promise<boolean>): Promise<void> {
  const start = performance.now();
  while (performance.now() - start < READY_TIMEOUT_MS) {
    if (service.child.exitCode !== null) {
      throw new Error(`${what} exited with ${service.child.exitCode}:\n${service.output()}`);
    }
    if (await check().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${what} not ready after ${READY_TIMEOUT_MS} ms:\n${service.output()}`);
}

/** SIGTERM (graceful close), then SIGKILL if it does not exit in time. */
async function stopService(service: Service): Promise<void> {
  const { child } = service;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** One shop: workspace, business context, auto-send rules, a sandbox number with a real token. */
async function openShop(
  config: Config,
  sandbox: MetaSandbox,
  appDb: Knex,
  partnerId: string,
  index: number,
): Promise<ShopTarget> {
  const workspace = await createWorkspace({ db: appDb }, { partnerId }, { name: `Bench Roastery ${index}` });
  const scope = { partnerId, workspaceId: workspace.id };
  await replaceBusinessContext({ db: appDb }, scope, SHOP_CONTEXT);
  await replaceReviewRules({ db: appDb }, scope, SHOP_RULES);
  const deps = { db: appDb, vault: parseKeyRing(config.encryptionKeys) };
  const { routingId } = await connectSandboxAccount(sandbox, deps, scope, 'whatsapp');
  return { workspaceId: workspace.id, phoneNumberId: routingId };
}

async function openShops(config: Config, sandbox: MetaSandbox, ownerDb: Knex, count: number) {
  const appDb = createKnex({ url: config.database.appUrl, poolMax: 2, applicationName: 'laras-bench-seed' });
  try {
    const { partnerId } = await createPartner(ownerDb, { name: 'Bench Agency' });
    const targets: ShopTarget[] = [];
    for (let i = 0; i < count; i += 1) targets.push(await openShop(config, sandbox, appDb, partnerId, i + 1));
    return targets;
  } finally {
    await appDb.destroy();
  }
}

export async function startPipelinePlatform(options: PipelineOptions): Promise<PipelinePlatform> {
  const runId = randomBytes(4).toString('hex');
  const sandbox = await startMetaSandbox({ port: 0 });
  sandbox.outbox.configure({ statuses: options.statuses, delayMs: options.statusDelayMs, window: 'off' });
  const port = await freePort();
  const env = {
    ...benchEnv(sandbox, runId),
    ...options.extraEnv,
    LOG_LEVEL: options.logLevel,
    PORT: String(port),
  };
  const config = loadConfig(env);
  const cleanups: Array<() => Promise<unknown>> = [() => sandbox.close()];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) await step().catch(() => undefined);
  };
  try {
    await ensureDatabase(config.database.ownerUrl);
    cleanups.push(() => purgeRedis(config.redis.url, config.redis.prefix));
    cleanups.push(() => dropDatabase(config.database.ownerUrl));
    await migrateLatest(config.database.ownerUrl);
    const ownerDb = createKnex({ url: config.database.ownerUrl, poolMax: 3, applicationName: 'laras-bench' });
    cleanups.push(() => ownerDb.destroy());
    const targets = await openShops(config, sandbox, ownerDb, options.workspaces);

    const redis = createRedis(config.redis.url, 'queue', 'laras-bench-queues');
    await redis.connect();
    const queues = createQueues(redis, `${config.redis.prefix}bull`);
    cleanups.push(async () => {
      await queues.close();
      await redis.quit();
    });

    const api = spawnService('api', 'api/src/main.ts', env, options.nodeArgs);
    cleanups.push(() => stopService(api));
    const workers = spawnService('workers', options.workersScript, env, options.nodeArgs);
    cleanups.push(() => stopService(workers));
    const apiUrl = `http://127.0.0.1:${port}`;
    await waitUntil('the API', api, async () => (await fetch(`${apiUrl}/readyz`)).ok);
    // Every queue of the catalog has its worker once the process has started them all.
    await waitUntil('the workers', workers, async () => {
      const counts = await Promise.all(
        (['inbound', 'drafting', 'sending'] as const).map((q) => queues[q].getWorkersCount()),
      );
      return counts.every((n) => n > 0);
    });
    sandbox.customer.setWebhooks({ whatsappUrl: `${apiUrl}/api/webhooks/wa` });
    return {
      config,
      sandbox,
      webhookUrl: `${apiUrl}/api/webhooks/wa`,
      ownerDb,
      queues,
      targets,
      api,
      workers,
      close: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
