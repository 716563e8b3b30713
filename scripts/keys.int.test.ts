/** `laras keys generate|rotate` on a scratch database of its own (rotation spans every tenant). */
import '@laras/testkit/provided';
import { randomBytes } from 'node:crypto';
import { createKnex, type Knex } from '@laras/core';
import { tokenOwner } from '@laras/core/connections';
import { generateKeyEntry, open, parseKeyRing, seal } from '@laras/core/vault';
import { dropDatabase } from '@laras/migrations';
import { runToEnd } from '@laras/testkit';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';

const databaseUrl = (() => {
  const url = new URL(inject('databaseUrl'));
  url.pathname = `/laras_keys_${randomBytes(4).toString('hex')}`;
  return url.toString();
})();
const oldEntry = generateKeyEntry(1);
const newEntry = generateKeyEntry(2);
const laras = (keys: string, ...args: string[]) =>
  runToEnd('scripts/laras.ts', args, { DATABASE_URL: databaseUrl, LARAS_ENCRYPTION_KEYS: keys });

let db: Knex;
let workspace: { partner_id: string; id: string };

beforeAll(async () => {
  const created = await laras(oldEntry, 'partner', 'create', '--name', 'Rotation');
  const { partner_id } = JSON.parse(created.stdout);
  db = createKnex({ url: databaseUrl, poolMax: 2, applicationName: 'keys-test' });
  workspace = { partner_id, id: 'ws_00000000000000000000R0TATE' };
  await db('workspaces').insert({ ...workspace, name: 'Rotation' });
});
afterAll(async () => {
  await db.destroy();
  await dropDatabase(databaseUrl);
});

async function insertConnection(id: string, token: string) {
  const sealed = seal(parseKeyRing(oldEntry), token, tokenOwner(id));
  await db('connections').insert({
    id,
    partner_id: workspace.partner_id,
    workspace_id: workspace.id,
    channel: 'instagram',
    status: 'active',
    routing_id: id,
    token_ciphertext: sealed.ciphertext,
    token_key_version: sealed.keyVersion,
  });
}

it('generates a new key entry on top of the ring', async () => {
  const result = await laras(oldEntry, 'keys', 'generate');
  expect(result.code).toBe(0);
  const out = JSON.parse(result.stdout);
  expect(out.key).toMatch(/^2:[A-Za-z0-9+/]{43}=$/);
  expect(out.LARAS_ENCRYPTION_KEYS).toBe(`${out.key},${oldEntry}`);
});

it('re-encrypts every token under the active key, keeping the plaintext', async () => {
  await insertConnection('con_00000000000000000000R0TAT1', 'IGQ-token-one');
  await insertConnection('con_00000000000000000000R0TAT2', 'IGQ-token-two');
  const result = await laras(`${newEntry},${oldEntry}`, 'keys', 'rotate');
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual({ active_key_version: 2, rotated: 2, already_current: 0 });

  const rows: Array<{ id: string; token_ciphertext: string; token_key_version: number }> = await db(
    'connections',
  )
    .select('id', 'token_ciphertext', 'token_key_version')
    .orderBy('id');
  const onlyNew = parseKeyRing(newEntry);
  expect(rows.map((r) => [r.token_key_version, open(onlyNew, r.token_ciphertext, tokenOwner(r.id))])).toEqual(
    [
      [2, 'IGQ-token-one'],
      [2, 'IGQ-token-two'],
    ],
  );

  const again = await laras(`${newEntry},${oldEntry}`, 'keys', 'rotate');
  expect(JSON.parse(again.stdout)).toEqual({ active_key_version: 2, rotated: 0, already_current: 2 });
});

it('stops loudly on a tampered token, naming the connection', async () => {
  const id = 'con_00000000000000000000R0TAT3';
  await insertConnection(id, 'IGQ-token-three');
  const row = await db('connections').where({ id }).first('token_ciphertext');
  const parts = String(row.token_ciphertext).split('.');
  parts[3] = Buffer.from('forged').toString('base64url');
  await db('connections')
    .where({ id })
    .update({ token_ciphertext: parts.join('.') });

  const result = await laras(`${newEntry},${oldEntry}`, 'keys', 'rotate');
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain(id);
  expect(result.stderr).toMatch(/failed authentication/);
});
