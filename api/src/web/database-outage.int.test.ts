/**
 * PostgreSQL unreachable: Meta's webhooks are answered 503 (so Meta retries them later, nothing
 * is acknowledged that was not stored), readiness says so, and once the database is back the API
 * recovers by itself, without a restart. The database is cut with a TCP proxy in front of the
 * machine's PostgreSQL, never by stopping the shared server.
 */
import { randomBytes } from 'node:crypto';
import { createKnex } from '@laras/core';
import { signMetaPayload } from '@laras/core/webhooks';
import {
  createTestPartner,
  startTcpProxy,
  startTestApi,
  type TcpProxy,
  type TestApi,
  testConfig,
} from '@laras/testkit';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';

let proxy: TcpProxy;
let api: TestApi;
const direct = createKnex({
  url: testConfig().database.ownerUrl,
  poolMax: 1,
  applicationName: 'outage-test',
});

beforeAll(async () => {
  const real = new URL(testConfig().database.ownerUrl);
  proxy = await startTcpProxy({ host: real.hostname, port: Number(real.port || 5432) });
  const viaProxy = new URL(real);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  api = await startTestApi({ DATABASE_URL: viaProxy.toString() });
});
afterAll(async () => {
  await proxy?.restore();
  await api?.close();
  await proxy?.close();
  await direct.destroy();
});

/** A signed WhatsApp delivery with a marker to find it by. */
function delivery() {
  const marker = randomBytes(6).toString('hex');
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '419561257915477', changes: [{ field: 'messages', value: { marker } }] }],
  });
  const post = () =>
    api.call<{ error?: { code: string } }>('POST', '/api/webhooks/wa', {
      rawBody: body,
      headers: {
        'Content-Type': 'application/json',
        'X-Hub-Signature-256': signMetaPayload(body, api.config.meta.appSecret),
      },
    });
  const stored = () => direct('webhook_events').whereRaw('raw_body = ?', [body]);
  return { post, stored };
}

it('answers 503 while PostgreSQL is unreachable, stores nothing it acknowledged, and recovers by itself', async () => {
  const before = delivery();
  expect((await before.post()).status).toBe(200);
  const partner = await createTestPartner(api.ownerDb);

  await proxy.cut();
  const during = delivery();
  const refused = await during.post();
  expect(refused.status).toBe(503);
  expect(refused.body.error?.code).toBe('service_unavailable');
  expect((await api.call('GET', '/readyz')).status).toBe(503);
  // The partner API says the same, as its spec declares (the call checks the answer against it).
  const listed = await api.call<{ error?: { code: string } }>('GET', '/v1/workspaces', {
    key: partner.apiKey,
  });
  expect(listed.status).toBe(503);
  expect(listed.body.error?.code).toBe('service_unavailable');

  await proxy.restore();
  // Meta retries the refused delivery; the API takes it without being restarted.
  await vi.waitFor(
    async () => {
      const retried = await during.post();
      if (retried.status !== 200) throw new Error(`still ${retried.status}`);
    },
    { timeout: 20_000, interval: 200 },
  );
  expect(await during.stored()).toHaveLength(1);
  expect(await before.stored()).toHaveLength(1);
}, 60_000);
