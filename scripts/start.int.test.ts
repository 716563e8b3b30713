import '@laras/testkit/provided';
import { randomBytes } from 'node:crypto';
import { dropDatabase } from '@laras/migrations';
import { runScript, runToEnd } from '@laras/testkit';
import { afterAll, expect, inject, it } from 'vitest';

const databaseUrl = (() => {
  const url = new URL(inject('databaseUrl'));
  url.pathname = `/laras_start_${randomBytes(4).toString('hex')}`;
  return url.toString();
})();
const env = {
  DATABASE_URL: databaseUrl,
  REDIS_PREFIX: `${inject('redisPrefix')}start:`,
  PORT: '0',
  META_SANDBOX_PORT: '0',
};

afterAll(() => dropDatabase(databaseUrl));

async function startAndStop() {
  const running = runScript('scripts/start.ts', [], env);
  try {
    const [, url] = await running.waitFor(/API:\s+(http:\/\/\S+)/);
    const [, sandbox] = await running.waitFor(/Meta:\s+sandbox at (http:\/\/\S+)/);
    const [, email] = await running.waitFor(/Sign in as:\s+(\S+)/);
    const [, password] = await running.waitFor(/Password:\s+(\S+)/);
    const [, key] = await running.waitFor(/Demo API key:\s+(lrs_test_\S+)/);
    const ready = await fetch(`${url}/readyz`);
    const list = await fetch(`${url}/v1/workspaces`, { headers: { Authorization: `Bearer ${key}` } });
    const workspaces = (await list.json()) as { data: Array<{ name: string }> };
    const signIn = await fetch(`${url}/v1/sessions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const session = (await signIn.json()) as { workspace?: { name: string } };
    const login = await fetch(`${url}/login`);
    // Sandbox mode asks the local DNS stand-in, which has no records: a public hostname is refused
    // as unproven at once (not a 503 from a lookup that cannot leave this machine).
    const [, dns] = await running.waitFor(/DNS:\s+stand-in at (\S+)/);
    const branding = await fetch(`${url}/v1/branding`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ portal_hostnames: ['portal.demo-agency.com'] }),
    });
    const refused = (await branding.json()) as { error?: { code: string } };
    const sdk = await fetch(`${sandbox}/sdk.js`);
    running.child.kill('SIGTERM');
    return {
      code: await running.exited,
      key,
      readyStatus: ready.status,
      names: workspaces.data.map((w) => w.name),
      signedInTo: session.workspace?.name,
      loginPage: login.status,
      sandboxSdk: sdk.status,
      dns,
      hostnameAnswer: [branding.status, refused.error?.code],
    };
  } finally {
    running.child.kill('SIGKILL');
  }
}

it('starts on an empty database with a working demo key, stops on SIGTERM, and seeds once', async () => {
  const first = await startAndStop();
  expect(first).toMatchObject({
    code: 0,
    readyStatus: 200,
    names: ['Demo Coffee Roasters'],
    signedInTo: 'Demo Coffee Roasters',
    loginPage: 200,
    sandboxSdk: 200,
    dns: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
    hostnameAnswer: [400, 'hostname_not_verified'],
  });

  const second = await startAndStop();
  expect(second.code).toBe(0);
  expect(second.key).toBe(first.key);
  expect(second.names).toEqual(['Demo Coffee Roasters']);
  expect(second.signedInTo).toBe('Demo Coffee Roasters');
}, 60_000);

it('says which service it cannot reach, where, and how to point elsewhere', async () => {
  const result = await runToEnd('scripts/start.ts', [], {
    DATABASE_URL: 'postgres://someone:secret-pw@127.0.0.1:1/laras',
    PORT: '0',
  });
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('Cannot reach PostgreSQL at 127.0.0.1:1 (DATABASE_URL)');
  expect(result.stderr).toContain('DATABASE_URL=');
  expect(result.stderr).not.toContain('secret-pw');
  expect(result.stdout).not.toContain('Laras is running');

  const redis = await runToEnd('scripts/start.ts', [], { REDIS_URL: 'redis://127.0.0.1:1', PORT: '0' });
  expect(redis.code).toBe(1);
  expect(redis.stderr).toContain('Cannot reach Redis at 127.0.0.1:1 (REDIS_URL)');
}, 60_000);

it('lists every invalid setting and exits', async () => {
  const result = await runToEnd('scripts/start.ts', [], { PORT: 'eighty', REDIS_URL: 'nope' });
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('PORT');
  expect(result.stderr).toContain('REDIS_URL');
}, 60_000);
