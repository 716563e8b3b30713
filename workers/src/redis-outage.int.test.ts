/**
 * Redis goes away and comes back empty (no persistence), with a webhook delivered in between:
 * the delivery is stored in Postgres (the webhook route never needs Redis), the workers reconnect,
 * put their schedules back, and the sweeper finds the delivery. The workers use a Redis server of
 * this test's own, so stopping it disturbs no other test.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createLogger } from '@laras/core';
import { storeConnection } from '@laras/core/connections';
import { parseKeyRing } from '@laras/core/vault';
import { type MetaSandbox, startMetaSandbox } from '@laras/meta-sandbox';
import { createTestPartner, startTestApi, type TestApi } from '@laras/testkit';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { type RunningWorkers, startWorkers } from './start.ts';

let sandbox: MetaSandbox;
let api: TestApi;
let workers: RunningWorkers | undefined;
let redis: ChildProcess | undefined;
let port: number;

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function startRedis(): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  // Ready when it says so on stdout.
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return child;
}

async function stopRedis(): Promise<void> {
  if (!redis || redis.exitCode !== null) return;
  const exited = once(redis, 'exit');
  redis.kill('SIGKILL');
  await exited;
}

beforeAll(async () => {
  port = await freePort();
  redis = await startRedis();
  sandbox = await startMetaSandbox({ port: 0 });
  api = await startTestApi(sandbox.env, { ownServices: true });
  sandbox.customer.setWebhooks({ whatsappUrl: `${api.url}/api/webhooks/wa` });
  const config = { ...api.config, redis: { ...api.config.redis, url: `redis://127.0.0.1:${port}` } };
  workers = await startWorkers(config, createLogger({ level: 'silent' }));
});
afterAll(async () => {
  // Close the workers while their Redis is still there, then stop it.
  await workers?.close();
  await stopRedis();
  await api?.close();
  await sandbox?.close();
});

it('processes a delivery that arrived while Redis was down, once Redis is back', async () => {
  const partner = await createTestPartner(api.ownerDb);
  const ws = await api.call<{ id: string }>('POST', '/v1/workspaces', {
    key: partner.apiKey,
    body: { name: 'Outage' },
  });
  const business = sandbox.state.addBusiness();
  const phone = business.phoneNumbers[0];
  if (!phone) throw new Error('no sandbox number');
  await storeConnection(
    { db: api.appDb, vault: parseKeyRing(api.config.encryptionKeys) },
    { partnerId: partner.partnerId, workspaceId: ws.body.id },
    {
      channel: 'whatsapp',
      wabaId: business.wabaId,
      phoneNumberId: phone.id,
      displayPhoneNumber: phone.displayPhoneNumber,
      verifiedName: phone.verifiedName,
      token: 'EAAS-outage-token',
      tokenExpiresAt: null,
    },
  );

  await stopRedis();
  const sent = await sandbox.customer.sendWhatsAppText({ phoneNumberId: phone.id, text: 'are you there?' });
  expect(sent.ok).toBe(true);
  const stored = await api.ownerDb('webhook_events').whereRaw('raw_body = ?', [sent.body]).first();
  expect(stored).toMatchObject({ status: 'pending' });

  redis = await startRedis();
  const message = await vi.waitFor(
    async () => {
      const row = await api.ownerDb('messages').where({ workspace_id: ws.body.id }).first();
      if (!row) throw new Error('not processed yet');
      return row;
    },
    { timeout: 30_000, interval: 200 },
  );
  expect(message).toMatchObject({ text: 'are you there?', provider_message_id: sent.messageId });
}, 60_000);
