import { type Config, loadConfig } from '@laras/core';
import { inject } from 'vitest';
import './provided.ts';

/** The configuration tests run with: this run's database and Redis prefix, quiet logs. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: inject('databaseUrl'),
    REDIS_URL: inject('redisUrl'),
    REDIS_PREFIX: inject('redisPrefix'),
    PORT: '0',
    HOST: '127.0.0.1',
    ...overrides,
  });
}
