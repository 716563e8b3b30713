/**
 * Runs once per `vitest run`: makes a scratch database (migrated) and a Redis key prefix for this
 * run, and removes both afterwards, so test runs never touch the demo data or each other.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '@laras/core';
import { dropDatabase, ensureDatabase, migrateLatest } from '@laras/migrations';
import { Redis } from 'ioredis';
import type { TestProject } from 'vitest/node';
import './provided.ts';

const runId = randomBytes(4).toString('hex');
// The machine's PostgreSQL and Redis, as configured (DATABASE_URL / REDIS_URL or the defaults).
const machine = loadConfig();
const baseUrl = machine.database.ownerUrl;
const redisUrl = machine.redis.url;
const databaseUrl = (() => {
  const url = new URL(baseUrl);
  url.pathname = `/laras_test_${runId}`;
  return url.toString();
})();
const redisPrefix = `laras_test:${runId}:`;

export async function setup(project: TestProject) {
  await ensureDatabase(databaseUrl);
  await migrateLatest(databaseUrl);
  project.provide('databaseUrl', databaseUrl);
  project.provide('redisPrefix', redisPrefix);
  project.provide('redisUrl', redisUrl);
}

export async function teardown() {
  await dropDatabase(databaseUrl);
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
