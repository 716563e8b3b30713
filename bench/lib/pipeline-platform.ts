/**
 * The platform of the pipeline bench: a scratch database and Redis prefix (as the ingest bench),
 * the Meta sandbox in this process (it plays Meta: receives sends, emits status webhooks), and the
 * API and the workers as **child processes** (`api/src/main.ts`, `workers/src/main.ts`, the way
 * they run in production), so their CPU and memory are their own and not the load generator's.
 * N workspaces each get a live WhatsApp number with a token the sandbox issued, a business
 * context the built-in drafter answers from, and review rules that auto-send on WhatsApp.
 * `close()` stops the children and removes the database and the Redis keys, also after a failure.
 */
import { type Config, createKnex, createRedis, type Knex } from '@laras/core';
import { replaceBusinessContext } from '@laras/core/business-context';
import { createPartner } from '@laras/core/operator';
import { replaceReviewRules } from '@laras/core/review-rules';
import { parseKeyRing } from '@laras/core/vault';
import { createWorkspace } from '@laras/core/workspaces';
import type { MetaSandbox } from '@laras/meta-sandbox';
import { connectSandboxAccount } from '@laras/testkit';
import { createQueues, type Queues } from '@laras/workers';
import {
  type Service as ChildService,
  freePort,
  spawnService,
  startNodeOptions,
  stopService,
  waitUntil,
} from './child-process.ts';
import { SHOP_CONTEXT, SHOP_RULES } from './pipeline-shop.ts';
import { openScratchPlatform } from './platform.ts';

export type ShopTarget = { workspaceId: string; phoneNumberId: string };

/** A child; its output holds warnings and errors only, by log level. */
export type Service = ChildService<'api' | 'workers'>;

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
  const port = await freePort();
  const scratch = await openScratchPlatform({
    env: (base) => ({ ...base, ...options.extraEnv, LOG_LEVEL: options.logLevel, PORT: String(port) }),
    ownerPoolMax: 3,
  });
  const { sandbox, env, config, ownerDb, onClose, close } = scratch;
  try {
    sandbox.outbox.configure({ statuses: options.statuses, delayMs: options.statusDelayMs, window: 'off' });
    const targets = await openShops(config, sandbox, ownerDb, options.workspaces);

    const redis = createRedis(config.redis.url, 'queue', 'laras-bench-queues');
    await redis.connect();
    const queues = createQueues(redis, `${config.redis.prefix}bull`);
    onClose(async () => {
      await queues.close();
      await redis.quit();
    });

    const api = spawnService('api', 'api/src/main.ts', env, [
      ...startNodeOptions('api'),
      ...options.nodeArgs,
    ]);
    onClose(() => stopService(api));
    const workers = spawnService('workers', options.workersScript, env, options.nodeArgs);
    onClose(() => stopService(workers));
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
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
