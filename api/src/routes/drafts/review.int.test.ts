import { recordInboundMessage } from '@laras/core/conversations';
import { draftForMessage } from '@laras/core/drafts';
import type { components } from '@laras/openapi';
import { createTestPartner, startTestApi, type TestApi, type TestPartner } from '@laras/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

type Draft = components['schemas']['Draft'];
type ErrorBody = components['schemas']['Error'];

let api: TestApi;
let partner: TestPartner;
let scope: { partnerId: string; workspaceId: string };
let counter = 0;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());
beforeEach(async () => {
  partner = await createTestPartner(api.ownerDb);
  const ws = await api.call<{ id: string }>('POST', '/v1/workspaces', {
    key: partner.apiKey,
    body: { name: 'R' },
  });
  scope = { partnerId: partner.partnerId, workspaceId: ws.body.id };
});

type Surface = 'whatsapp' | 'instagram_dm' | 'instagram_comment';

/** A waiting draft replying to a customer message sent `ageMs` ago (on WhatsApp unless told). */
async function waitingDraft(ageMs = 60_000, surface: Surface = 'whatsapp'): Promise<string> {
  counter += 1;
  const { message } = await recordInboundMessage({ db: api.appDb }, scope, {
    channel: surface === 'whatsapp' ? 'whatsapp' : 'instagram',
    surface,
    threadKey: `62812${counter}`,
    customer: { providerUserId: `62812${counter}`, name: 'Sari' },
    providerMessageId: `wamid.review.${scope.workspaceId}.${counter}`,
    type: surface === 'instagram_comment' ? 'comment' : 'text',
    text: 'Hello, are you open today?',
    details: {},
    sentAt: new Date(Date.now() - ageMs),
  });
  if (!message) throw new Error('message not stored');
  const outcome = await draftForMessage({ db: api.appDb }, scope, message.id);
  if (outcome.status === 'skipped') throw new Error(outcome.reason);
  expect(outcome.draft.state).toBe('pending_approval');
  return outcome.draft.id;
}

const post = <T>(draftId: string, action: 'approve' | 'reject', body: unknown) =>
  api.call<T>('POST', `/v1/workspaces/${scope.workspaceId}/drafts/${draftId}/${action}`, {
    key: partner.apiKey,
    body,
  });

const approvals = (draftId: string) =>
  api
    .ownerDb('evidence_records')
    .where({ workspace_id: scope.workspaceId, draft_id: draftId, type: 'draft.approved' });

/**
 * Sends `review` while another transaction holds the draft's row, and once the review waits for
 * that row, commits `change` to it first: the review lands on a draft someone else just reviewed.
 */
async function afterRacingChange<T>(
  draftId: string,
  change: Record<string, unknown>,
  review: () => Promise<T>,
): Promise<T> {
  const trx = await api.ownerDb.transaction();
  try {
    await trx('drafts').where({ id: draftId }).forUpdate();
    const { rows } = await trx.raw<{ rows: Array<{ xid: string }> }>(
      'select backend_xid::text as xid from pg_stat_activity where pid = pg_backend_pid()',
    );
    const pending = review();
    await vi.waitFor(
      async () => {
        const waiting = await api.ownerDb.raw<{ rows: unknown[] }>(
          "select 1 from pg_locks where locktype = 'transactionid' and not granted and transactionid::text = ?",
          [rows[0]?.xid ?? ''],
        );
        expect(waiting.rows).not.toHaveLength(0);
      },
      { timeout: 10_000, interval: 10 },
    );
    await trx('drafts').where({ id: draftId }).update(change);
    await trx.commit();
    return await pending;
  } finally {
    if (!trx.isCompleted()) await trx.rollback();
  }
}

describe('approveDraft', () => {
  it('approves with edited text, records who did it, and approving again changes nothing', async () => {
    const id = await waitingDraft();
    const first = await post<Draft>(id, 'approve', { text: 'Yes, we are open until 17:00.' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      state: 'approved',
      draft: { text: 'Yes, we are open until 17:00.' },
      review: { edited: true, reviewed_by: partner.apiKeyId, rejection_reason: null },
    });
    const again = await post<Draft>(id, 'approve', {});
    expect(again.status).toBe(200);
    expect(again.body.state).toBe('approved');
    expect(again.body.draft.text).toBe('Yes, we are open until 17:00.');
    expect(await approvals(id)).toHaveLength(1);
    // The same text again is the same approval; other text would be lost, so it is refused.
    const same = await post<Draft>(id, 'approve', { text: 'Yes, we are open until 17:00.' });
    expect(same.status).toBe(200);
    const other = await post<ErrorBody>(id, 'approve', { text: 'Yes, until 18:00.' });
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: 'conflict', param: 'text' });
    const after = await post<Draft>(id, 'approve', {});
    expect(after.body.draft.text).toBe('Yes, we are open until 17:00.');
    expect(await approvals(id)).toHaveLength(1);
  });

  it("refuses (400 on text) an edit longer than the draft's surface accepts, and changes nothing", async () => {
    const cases: Array<[Surface, string, string]> = [
      // 334 × 3 bytes: 334 characters, but 1002 bytes of UTF-8.
      ['instagram_dm', '€'.repeat(334), 'at most 1000 bytes (UTF-8); this text is 1002 bytes'],
      ['instagram_comment', 'a'.repeat(2201), 'at most 2200 characters; this text is 2201 characters'],
    ];
    for (const [surface, text, message] of cases) {
      const id = await waitingDraft(60_000, surface);
      const res = await post<ErrorBody>(id, 'approve', { text });
      expect(res.status, surface).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_request', param: 'text' });
      expect(res.body.error.message).toContain(message);
      const row = await api.ownerDb('drafts').where({ id }).first();
      expect(row).toMatchObject({ state: 'pending_approval', edited: false, reviewed_by: null });
      expect(await approvals(id)).toHaveLength(0);
    }
    // At the limit is fine: 333 × 3 = 999 bytes.
    const dm = await waitingDraft(60_000, 'instagram_dm');
    const ok = await post<Draft>(dm, 'approve', { text: '€'.repeat(333) });
    expect(ok.status).toBe(200);
    expect(ok.body.state).toBe('approved');
  });

  it('refuses (400 on text) an edit containing a blocked phrase, whatever its case or spacing', async () => {
    const rules = await api.call('PUT', `/v1/workspaces/${scope.workspaceId}/review-rules`, {
      key: partner.apiKey,
      body: { blocked_phrases: ['guaranteed cure', 'gratis ongkir'] },
    });
    expect(rules.status).toBe(200);
    const id = await waitingDraft();
    const res = await post<ErrorBody>(id, 'approve', { text: 'Our tea is a GUARANTEED   cure for colds.' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', param: 'text' });
    expect(res.body.error.message).toContain('"guaranteed cure"');
    const row = await api.ownerDb('drafts').where({ id }).first();
    expect(row).toMatchObject({ state: 'pending_approval', edited: false });
    expect(await approvals(id)).toHaveLength(0);
    // Without the phrase, the same edit goes through.
    const ok = await post<Draft>(id, 'approve', { text: 'Our tea is guaranteed fresh.' });
    expect(ok.status).toBe(200);
  });

  it('refuses (400 on text) approving as it stands a draft held for a blocked phrase: it needs an edit', async () => {
    const id = await waitingDraft();
    const { text } = await api.ownerDb('drafts').where({ id }).first();
    const phrase = String(text).split(/\s+/).slice(0, 2).join(' ');
    await api.call('PUT', `/v1/workspaces/${scope.workspaceId}/review-rules`, {
      key: partner.apiKey,
      body: { blocked_phrases: [phrase] },
    });
    const res = await post<ErrorBody>(id, 'approve', {});
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', param: 'text' });
    expect((await api.ownerDb('drafts').where({ id }).first()).state).toBe('pending_approval');
    expect(await approvals(id)).toHaveLength(0);
  });

  it('approves once when approvals race', async () => {
    const id = await waitingDraft();
    const results = await Promise.all([1, 2, 3, 4].map(() => post<Draft>(id, 'approve', {})));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(await approvals(id)).toHaveLength(1);
  });

  it('refuses (409) when a rejection commits while it runs, and records no approval', async () => {
    const id = await waitingDraft();
    const res = await afterRacingChange(id, { state: 'rejected', rejection_reason: 'No.' }, () =>
      post<ErrorBody>(id, 'approve', { text: 'Yes, we are open.' }),
    );
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('rejected') });
    expect(await approvals(id)).toHaveLength(0);
  });

  it('refuses after the 24-hour window closed and marks the draft expired', async () => {
    const id = await waitingDraft(25 * 3600 * 1000);
    const res = await post<ErrorBody>(id, 'approve', {});
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('window has closed');
    const row = await api.ownerDb('drafts').where({ id }).first();
    expect(row.state).toBe('expired');
  });
});

describe('rejectDraft', () => {
  it('rejects with a reason; a rejected draft cannot be approved', async () => {
    const id = await waitingDraft();
    const res = await post<Draft>(id, 'reject', { reason: 'We are closed on holidays.' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: 'rejected',
      review: { rejection_reason: 'We are closed on holidays.' },
    });
    const approve = await post<ErrorBody>(id, 'approve', {});
    expect(approve.status).toBe(409);
    expect(approve.body.error.code).toBe('conflict');
  });

  it('says what the draft became when an approval commits while it runs', async () => {
    const id = await waitingDraft();
    const res = await afterRacingChange(id, { state: 'approved' }, () =>
      post<ErrorBody>(id, 'reject', { reason: 'Too late.' }),
    );
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('This draft is approved and can no longer be reviewed.');
    const twice = await waitingDraft();
    const again = await afterRacingChange(twice, { state: 'rejected', rejection_reason: 'Also no.' }, () =>
      post<Draft>(twice, 'reject', { reason: 'Also no.' }),
    );
    expect(again.status).toBe(200);
    expect(again.body.state).toBe('rejected');
    // A racing rejection for another reason keeps its reason; this one is refused, not lost.
    const thrice = await waitingDraft();
    const other = await afterRacingChange(thrice, { state: 'rejected', rejection_reason: 'First.' }, () =>
      post<ErrorBody>(thrice, 'reject', { reason: 'Second.' }),
    );
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: 'conflict', param: 'reason' });
  });

  it('rejecting again with the same reason changes nothing; with another reason is a 409 on reason', async () => {
    const id = await waitingDraft();
    expect((await post(id, 'reject', { reason: 'Closed today.' })).status).toBe(200);
    const same = await post<Draft>(id, 'reject', { reason: ' Closed today. ' });
    expect(same.status).toBe(200);
    expect(same.body.review.rejection_reason).toBe('Closed today.');
    const other = await post<ErrorBody>(id, 'reject', { reason: 'Wrong price.' });
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: 'conflict', param: 'reason' });
    const row = await api.ownerDb('drafts').where({ id }).first();
    expect(row.rejection_reason).toBe('Closed today.');
    const rejections = await api
      .ownerDb('evidence_records')
      .where({ workspace_id: scope.workspaceId, draft_id: id, type: 'draft.rejected' });
    expect(rejections).toHaveLength(1);
  });

  it('needs a reason', async () => {
    const id = await waitingDraft();
    expect((await post(id, 'reject', {})).status).toBe(400);
  });
});
