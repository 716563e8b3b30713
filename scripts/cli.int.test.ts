import '@laras/testkit/provided';
import { runToEnd, startTestApi, type TestApi } from '@laras/testkit';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const env = { DATABASE_URL: inject('databaseUrl'), REDIS_PREFIX: inject('redisPrefix') };
const laras = (...args: string[]) => runToEnd('scripts/laras.ts', args, env);

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

describe('laras CLI', () => {
  it('creates a partner, printing one JSON object and nothing else, whose key works', async () => {
    const result = await laras('partner', 'create', '--name', 'Acme Agency');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const created = JSON.parse(lines[0] ?? '');
    expect(Object.keys(created).sort()).toEqual(['api_key', 'partner_id']);
    expect(created.partner_id).toMatch(/^ptn_[0-9A-Z]{26}$/);
    expect(created.api_key).toMatch(/^lrs_test_[A-Za-z0-9]{40}$/);
    expect((await api.call('GET', '/v1/workspaces', { key: created.api_key })).status).toBe(200);

    const listed = JSON.parse((await laras('partner', 'list')).stdout);
    expect(listed).toContainEqual(
      expect.objectContaining({ partner_id: created.partner_id, name: 'Acme Agency', active_keys: 1 }),
    );
  });

  it('issues and revokes keys', async () => {
    const { partner_id } = JSON.parse((await laras('partner', 'create', '--name', 'Keys Co')).stdout);
    const issued = await laras('key', 'create', '--partner', partner_id, '--mode', 'live');
    expect(issued.code).toBe(0);
    const key = JSON.parse(issued.stdout);
    expect(key).toMatchObject({ partner_id, api_key: expect.stringMatching(/^lrs_live_/) });
    expect((await api.call('GET', '/v1/workspaces', { key: key.api_key })).status).toBe(200);

    const revoked = await laras('key', 'revoke', key.api_key_id);
    expect(revoked.code).toBe(0);
    expect(JSON.parse(revoked.stdout)).toMatchObject({
      api_key_id: key.api_key_id,
      revoked_at: expect.any(String),
    });
    expect((await api.call('GET', '/v1/workspaces', { key: key.api_key })).status).toBe(401);
  });

  it.each([
    [['partner', 'create'], 2, /--name is required/],
    [['partner', 'create', '--name', 'X', '--mode', 'prod'], 2, /--mode must be test or live/],
    [['partner', 'dance'], 2, /unknown command/],
    [['partner', 'create', '--colour', 'red'], 2, /Unknown option/],
    [['key', 'create', '--partner', 'ptn_01JD5Q4ZB7S0M6G4B6Y7R1T2QX'], 1, /No such partner/],
    [['key', 'revoke', 'key_01JD5Q4ZB7S0M6G4B6Y7R1T2QX'], 1, /No such API key/],
  ])('%j exits %i with a message on stderr and nothing on stdout', async (args, code, message) => {
    const result = await laras(...args);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });
});
