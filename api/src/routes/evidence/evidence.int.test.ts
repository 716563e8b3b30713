import { eraseContact, recordInboundMessage } from '@laras/core/conversations';
import { withTenant } from '@laras/core/db';
import { appendEvidenceBatch } from '@laras/core/evidence';
import type { components } from '@laras/openapi';
import { verifyEvidenceChain } from '@laras/sdk';
import { createTestPartner, startTestApi, type TestApi, type TestPartner } from '@laras/testkit';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

type EvidenceList = components['schemas']['EvidenceList'];
type Verification = components['schemas']['EvidenceVerification'];
type EvidenceRecord = components['schemas']['EvidenceRecord'];

let api: TestApi;
let partner: TestPartner;
let scope: { partnerId: string; workspaceId: string };

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());
beforeEach(async () => {
  partner = await createTestPartner(api.ownerDb);
  const ws = await api.call<{ id: string }>('POST', '/v1/workspaces', {
    key: partner.apiKey,
    body: { name: 'E' },
  });
  scope = { partnerId: partner.partnerId, workspaceId: ws.body.id };
});

const receive = (n: number) =>
  recordInboundMessage({ db: api.appDb }, scope, {
    channel: 'whatsapp',
    surface: 'whatsapp',
    threadKey: '628111',
    customer: { providerUserId: '628111', name: 'Sari' },
    providerMessageId: `wamid.${scope.workspaceId}.${n}`,
    type: 'text',
    text: `message ${n}`,
    details: {},
    sentAt: new Date(Date.UTC(2026, 10, 25, 10, 0, n)),
  });

async function exportChain(): Promise<EvidenceRecord[]> {
  const records: EvidenceRecord[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
    const page = await api.call<EvidenceList>('GET', `/v1/workspaces/${scope.workspaceId}/evidence${query}`, {
      key: partner.apiKey,
    });
    expect(page.status).toBe(200);
    records.push(...page.body.data);
    cursor = page.body.next_cursor;
  } while (cursor);
  return records;
}

const verify = async () =>
  (
    await api.call<Verification>('GET', `/v1/workspaces/${scope.workspaceId}/evidence/verify`, {
      key: partner.apiKey,
    })
  ).body;

it('links every record to the one before; the API and the SDK offline verifier agree', async () => {
  for (const n of [1, 2, 3]) await receive(n);
  const records = await exportChain();
  expect(records.map((r) => [r.seq, r.type])).toEqual([
    [1, 'message.received'],
    [2, 'message.received'],
    [3, 'message.received'],
  ]);
  expect(records[0]?.prev_hash).toBe('0'.repeat(64));
  expect(records[1]?.prev_hash).toBe(records[0]?.hash);
  expect(JSON.stringify(records)).not.toContain('message 1');

  const online = await verify();
  expect(online).toEqual({ valid: true, length: 3, head_hash: records[2]?.hash, first_bad_seq: null });
  expect(await verifyEvidenceChain(records)).toEqual(online);

  const about = await api.call<EvidenceList>(
    'GET',
    `/v1/workspaces/${scope.workspaceId}/evidence?message_id=${records[1]?.message_id}`,
    { key: partner.apiKey },
  );
  expect(about.body.data.map((r) => r.seq)).toEqual([2]);
});

it('fails at the edited record when a stored record is changed', async () => {
  for (const n of [1, 2, 3]) await receive(n);
  await api
    .ownerDb('evidence_records')
    .where({ workspace_id: scope.workspaceId, seq: 2 })
    .update({ actor: 'someone-else' });
  expect(await verify()).toMatchObject({ valid: false, length: 3, first_bad_seq: 2 });
  expect(await verifyEvidenceChain(await exportChain())).toMatchObject({ valid: false, first_bad_seq: 2 });
});

it('stays valid when a customer’s content is deleted, and records the deletion', async () => {
  for (const n of [1, 2]) await receive(n);
  const contact = await api.ownerDb('contacts').where({ workspace_id: scope.workspaceId }).first('id');
  await eraseContact({ db: api.appDb }, scope, contact.id, partner.apiKeyId);
  const result = await verify();
  expect(result).toMatchObject({ valid: true, length: 3 });
  const records = await exportChain();
  expect(records.at(-1)).toMatchObject({ type: 'workspace.data_deleted', actor: partner.apiKeyId });
});

it('keeps one unbroken sequence under concurrent appends', async () => {
  await Promise.all(Array.from({ length: 8 }, (_, i) => receive(i + 1)));
  const records = await exportChain();
  expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  expect(await verify()).toMatchObject({ valid: true, length: 8 });
});

it('appends a batch as consecutive records in its order, between concurrent single appends', async () => {
  const batch = (n: number) =>
    withTenant(api.appDb, scope, (tx) =>
      appendEvidenceBatch(
        tx,
        ['draft.created', 'draft.classified', 'draft.decided'].map((type) => ({
          type: type as 'draft.created' | 'draft.classified' | 'draft.decided',
          draftId: `draft_batch_${n}`,
          actor: 'system',
        })),
      ),
    );
  const appended = await Promise.all([batch(1), receive(1), batch(2), receive(2), batch(3)]);

  const records = await exportChain();
  expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
  for (const n of [1, 2, 3]) {
    const own = records.filter((r) => r.draft_id === `draft_batch_${n}`);
    expect(own.map((r) => r.type)).toEqual(['draft.created', 'draft.classified', 'draft.decided']);
    const first = own[0]?.seq ?? 0;
    expect(own.map((r) => r.seq)).toEqual([first, first + 1, first + 2]);
  }
  // What the batch answered is what was stored.
  expect(appended[0]).toEqual(records.filter((r) => r.draft_id === 'draft_batch_1'));
  expect(await verify()).toMatchObject({ valid: true, length: 11 });
});

it("reads the head of the caller's own chain only: another tenant's workspace has no head", async () => {
  for (const n of [1, 2]) await receive(n);
  const head = (tenant: { partnerId: string; workspaceId: string }) =>
    withTenant(api.appDb, tenant, async (tx) => {
      const result = await tx.trx.raw('select seq, hash from laras_evidence_head(?, ?)', [
        scope.partnerId,
        scope.workspaceId,
      ]);
      return result.rows;
    });
  const records = await exportChain();
  expect(await head(scope)).toEqual([{ seq: 2, hash: records[1]?.hash }]);
  const stranger = await createTestPartner(api.ownerDb);
  expect(await head({ partnerId: stranger.partnerId, workspaceId: scope.workspaceId })).toEqual([]);
});

it("answers an empty chain with an empty page, and another partner's chain with a 404, bad cursor or not", async () => {
  const empty = await api.call<EvidenceList>('GET', `/v1/workspaces/${scope.workspaceId}/evidence`, {
    key: partner.apiKey,
  });
  expect(empty.status).toBe(200);
  expect(empty.body).toEqual({ data: [], has_more: false, next_cursor: null });

  await receive(1);
  const stranger = await createTestPartner(api.ownerDb);
  const bad = Buffer.from('e1:x', 'utf8').toString('base64url');
  for (const [key, query, status] of [
    [stranger.apiKey, '', 404],
    [stranger.apiKey, `?cursor=${bad}`, 404],
    [partner.apiKey, `?cursor=${bad}`, 400],
  ] as const) {
    const res = await api.call('GET', `/v1/workspaces/${scope.workspaceId}/evidence${query}`, { key });
    expect(res.status).toBe(status);
  }
});

it('cannot be changed or deleted by the app role', async () => {
  await receive(1);
  await expect(
    api.appDb.transaction(async (trx) => {
      await trx.raw("select set_config('app.partner_id', ?, true), set_config('app.workspace_id', ?, true)", [
        scope.partnerId,
        scope.workspaceId,
      ]);
      await trx('evidence_records').where({ workspace_id: scope.workspaceId }).update({ actor: 'x' });
    }),
  ).rejects.toThrow(/permission denied/);
});
