/**
 * Graceful shutdown under load: the workers process gets SIGTERM while customer messages keep
 * arriving; it lets running jobs finish, exits 0, and whatever it had not done is done by the next
 * workers — every message stored once, none lost. The workers run as a real child process.
 */
import { createLogger } from '@laras/core';
import { parseKeyRing } from '@laras/core/vault';
import { type MetaSandbox, startMetaSandbox } from '@laras/meta-sandbox';
import {
  connectSandboxAccount,
  createTestPartner,
  runScript,
  startTestApi,
  type TestApi,
} from '@laras/testkit';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { type RunningWorkers, startWorkers } from './start.ts';

const MESSAGES = 60;

let sandbox: MetaSandbox;
let api: TestApi;
let workers: RunningWorkers | undefined;

beforeAll(async () => {
  sandbox = await startMetaSandbox({ port: 0 });
  api = await startTestApi(sandbox.env, { ownServices: true });
  sandbox.customer.setWebhooks({ whatsappUrl: `${api.url}/api/webhooks/wa` });
});
afterAll(async () => {
  await workers?.close();
  workers = undefined;
  await api?.close();
  await sandbox?.close();
});

/** A workspace with a sandbox number, a workers child process, and customers writing to it. */
async function busyWorkspace() {
  const partner = await createTestPartner(api.ownerDb);
  const ws = await api.call<{ id: string }>('POST', '/v1/workspaces', {
    key: partner.apiKey,
    body: { name: 'Busy' },
  });
  const scope = { partnerId: partner.partnerId, workspaceId: ws.body.id };
  const deps = { db: api.appDb, vault: parseKeyRing(api.config.encryptionKeys) };
  const { routingId } = await connectSandboxAccount(sandbox, deps, scope, 'whatsapp');
  const child = runScript('workers/src/main.ts', [], {
    ...sandbox.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATABASE_URL: api.config.database.ownerUrl,
    REDIS_URL: api.config.redis.url,
    REDIS_PREFIX: api.config.redis.prefix,
  });
  await child.waitFor(/workers started/);
  const stored = async () => {
    const [row] = await api
      .ownerDb('messages')
      .where({ workspace_id: scope.workspaceId })
      .count<{ n: string }[]>({ n: '*' });
    return Number(row?.n);
  };
  const customersWrite = async () => {
    for (let i = 0; i < MESSAGES; i += 1) {
      const sent = await sandbox.customer.sendWhatsAppText({
        phoneNumberId: routingId,
        from: { waId: `62811${String(i).padStart(7, '0')}`, name: `Customer ${i}` },
        text: `Order number ${i}, please`,
      });
      expect(sent.ok).toBe(true);
    }
  };
  /** Resolves once the workers have stored a few messages: they are busy. */
  const busy = () =>
    vi.waitFor(
      async () => {
        if ((await stored()) < 5) throw new Error('workers not busy yet');
      },
      { timeout: 20_000, interval: 50 },
    );
  /** Starts fresh in-process workers and waits for every message, then checks each is there once. */
  const nextWorkersFinish = async (timeout: number) => {
    await workers?.close();
    workers = await startWorkers(api.config, createLogger({ level: 'silent' }));
    await vi.waitFor(
      async () => {
        const n = await stored();
        if (n < MESSAGES) throw new Error(`${n} of ${MESSAGES} stored`);
      },
      { timeout, interval: 100 },
    );
    const texts = await api.ownerDb('messages').where({ workspace_id: scope.workspaceId }).pluck('text');
    expect(texts.sort()).toEqual(
      Array.from({ length: MESSAGES }, (_, i) => `Order number ${i}, please`).sort(),
    );
    await vi.waitFor(
      async () => {
        const [row] = await api
          .ownerDb('webhook_events')
          .whereNot({ status: 'processed' })
          .count<{ n: string }[]>({ n: '*' });
        if (Number(row?.n) > 0) throw new Error(`${row?.n} deliveries not processed`);
      },
      { timeout, interval: 100 },
    );
  };
  return { child, customersWrite, busy, nextWorkersFinish };
}

it('SIGTERM during load: running jobs finish, the process exits 0, and nothing is lost or stored twice', async () => {
  const { child, customersWrite, busy, nextWorkersFinish } = await busyWorkspace();
  try {
    const writing = customersWrite();
    await busy();
    child.child.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    expect(child.stdout()).toMatch(/workers stopped/);
    await writing;
    await nextWorkersFinish(30_000);
  } finally {
    child.child.kill('SIGKILL');
  }
}, 90_000);

it('SIGKILL mid-job: the interrupted jobs run again on the next workers and complete once', async () => {
  const { child, customersWrite, busy, nextWorkersFinish } = await busyWorkspace();
  try {
    const writing = customersWrite();
    await busy();
    child.child.kill('SIGKILL');
    await child.exited;
    await writing;
    // A job the killed process held is retried once BullMQ sees it stalled: its 30 s lock lapses
    // and the next stalled-job check (every 30 s) moves it back, so this takes up to about a minute.
    await nextWorkersFinish(110_000);
  } finally {
    child.child.kill('SIGKILL');
  }
}, 150_000);
