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
  await api?.close();
  await sandbox?.close();
});

it('SIGTERM during load: running jobs finish, the process exits 0, and nothing is lost or stored twice', async () => {
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
  try {
    await child.waitFor(/workers started/);
    const stored = () =>
      api.ownerDb('messages').where({ workspace_id: scope.workspaceId }).count<{ n: string }[]>({ n: '*' });

    const sending = (async () => {
      for (let i = 0; i < MESSAGES; i += 1) {
        const sent = await sandbox.customer.sendWhatsAppText({
          phoneNumberId: routingId,
          from: { waId: `62811${String(i).padStart(7, '0')}`, name: `Customer ${i}` },
          text: `Order number ${i}, please`,
        });
        expect(sent.ok).toBe(true);
      }
    })();
    // Stop the workers once they are busy, while messages are still coming in.
    await vi.waitFor(
      async () => {
        const [row] = await stored();
        if (Number(row?.n) < 5) throw new Error('workers not busy yet');
      },
      { timeout: 20_000, interval: 50 },
    );
    child.child.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    expect(child.stdout()).toMatch(/workers stopped/);
    await sending;

    // The next workers pick up every delivery the first ones did not get to.
    workers = await startWorkers(api.config, createLogger({ level: 'silent' }));
    await vi.waitFor(
      async () => {
        const [row] = await stored();
        if (Number(row?.n) < MESSAGES) throw new Error(`${row?.n} of ${MESSAGES} stored`);
      },
      { timeout: 30_000, interval: 100 },
    );
    const messages = await api.ownerDb('messages').where({ workspace_id: scope.workspaceId }).pluck('text');
    expect(messages.sort()).toEqual(
      Array.from({ length: MESSAGES }, (_, i) => `Order number ${i}, please`).sort(),
    );
    const pending = await api
      .ownerDb('webhook_events')
      .whereNot({ status: 'processed' })
      .count<{ n: string }[]>({ n: '*' });
    expect(Number(pending[0]?.n)).toBe(0);
  } finally {
    child.child.kill('SIGKILL');
  }
}, 90_000);
