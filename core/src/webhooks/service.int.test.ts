/**
 * Group commit against the real PostgreSQL: concurrent deliveries share one transaction (rows
 * written by one transaction have the same `xmin`), each caller gets its own stored id, a byte-
 * identical copy is stored once, a failed batch stores nothing of itself and fails no other, and
 * every acknowledged delivery has its row.
 */
import { randomBytes } from 'node:crypto';
import { createKnex, createLogger } from '@laras/core';
import { testConfig } from '@laras/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { newId } from '../ids.ts';
import { groupCommit } from './group-commit.ts';
import { insertWebhookEvents, type NewWebhookEvent } from './repository.ts';
import { createWebhookStore } from './service.ts';
import type { WebhookSource } from './types.ts';

const config = testConfig();
const appDb = createKnex({ url: config.database.appUrl, poolMax: 4, applicationName: 'group-commit-test' });
const ownerDb = createKnex({
  url: config.database.ownerUrl,
  poolMax: 2,
  applicationName: 'group-commit-test',
});
const logger = createLogger({ level: 'silent' });
afterAll(() => Promise.all([appDb.destroy(), ownerDb.destroy()]));

function body(source: WebhookSource, marker = randomBytes(8).toString('hex')): Buffer {
  const object = source === 'whatsapp' ? 'whatsapp_business_account' : 'instagram';
  return Buffer.from(JSON.stringify({ object, entry: [], marker }), 'utf8');
}

async function rowsOf(ids: string[]) {
  return ownerDb('webhook_events')
    .whereIn('id', ids)
    .select('id', 'raw_body', ownerDb.raw('xmin::text as xmin'));
}

describe('createWebhookStore', () => {
  it('stores concurrent deliveries in shared transactions, each caller answered with its own row', async () => {
    const store = createWebhookStore(
      { db: appDb, logger },
      { maxWaitMs: 60_000, maxBatch: 10, maxWriters: 2 },
    );
    const bodies = Array.from({ length: 30 }, (_, i) => body(i % 3 === 0 ? 'instagram' : 'whatsapp'));
    const stored = await Promise.all(
      bodies.map((raw, i) => store.store(i % 3 === 0 ? 'instagram' : 'whatsapp', raw)),
    );
    expect(stored.every((s) => !s.duplicate)).toBe(true);
    expect(new Set(stored.map((s) => s.id)).size).toBe(30);
    const rows = await rowsOf(stored.map((s) => s.id));
    const byId = new Map(rows.map((r) => [r.id, r]));
    stored.forEach((s, i) => {
      expect(byId.get(s.id)?.raw_body).toBe(bodies[i]?.toString('utf8'));
    });
    // Three batches of ten: three transactions, not thirty.
    expect(new Set(rows.map((r) => r.xmin)).size).toBe(3);
    const firstBatch = stored.slice(0, 10).map((s) => byId.get(s.id)?.xmin);
    expect(new Set(firstBatch).size).toBe(1);
  });

  it('stores a byte-identical copy once, within one batch and across batches', async () => {
    const store = createWebhookStore(
      { db: appDb, logger },
      { maxWaitMs: 60_000, maxBatch: 3, maxWriters: 2 },
    );
    const raw = body('whatsapp');
    const [first, copy, other] = await Promise.all([
      store.store('whatsapp', raw),
      store.store('whatsapp', Buffer.from(raw)),
      store.store('instagram', body('instagram')),
    ]);
    expect(first?.duplicate).toBe(false);
    expect(copy).toEqual({ id: first?.id, duplicate: true });
    expect(other?.duplicate).toBe(false);
    const [again] = await Promise.all([
      store.store('whatsapp', raw),
      store.store('whatsapp', body('whatsapp')),
      store.store('whatsapp', body('whatsapp')),
    ]);
    expect(again).toEqual({ id: first?.id, duplicate: true });
    expect(
      await ownerDb('webhook_events')
        .where({ raw_body: raw.toString('utf8') })
        .select('id'),
    ).toEqual([{ id: first?.id }]);
  });

  it('rejects a body that is not JSON for its source before it joins a batch', async () => {
    const store = createWebhookStore(
      { db: appDb, logger },
      { maxWaitMs: 60_000, maxBatch: 2, maxWriters: 2 },
    );
    await expect(store.store('instagram', body('whatsapp'))).rejects.toMatchObject({
      code: 'invalid_request',
    });
    const good = await Promise.all([
      store.store('whatsapp', body('whatsapp')),
      store.store('whatsapp', body('whatsapp')),
    ]);
    expect(await rowsOf(good.map((g) => g.id))).toHaveLength(2);
  });
});

describe('a failed batch', () => {
  it('stores nothing of itself, fails all its callers, and fails no other batch', async () => {
    const insert = groupCommit((rows: NewWebhookEvent[]) => insertWebhookEvents(appDb, rows), {
      maxWaitMs: 60_000,
      maxBatch: 2,
      maxWriters: 2,
    });
    const row = (source: string): NewWebhookEvent => ({
      id: newId('webhookEvent'),
      source: source as WebhookSource,
      rawBody: body('whatsapp').toString('utf8'),
    });
    const bad = [row('whatsapp'), row('messenger')];
    const good = [row('whatsapp'), row('instagram')];
    const answers = [...bad, ...good].map((r) =>
      insert(r).then(
        (s) => s,
        (e: unknown) => e,
      ),
    );
    const [bad1, bad2, good1, good2] = await Promise.all(answers);
    expect(bad1).toBeInstanceOf(Error);
    expect(bad2).toBe(bad1);
    expect(good1).toEqual({ id: good[0]?.id, duplicate: false });
    expect(good2).toEqual({ id: good[1]?.id, duplicate: false });
    expect(await rowsOf(bad.map((r) => r.id))).toEqual([]);
    expect(await rowsOf(good.map((r) => r.id))).toHaveLength(2);
  });
});
