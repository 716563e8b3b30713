/**
 * Property-based fuzzing of every JSON body the API takes: malformed JSON, any JSON value, and
 * valid-looking bodies with fields dropped, retyped or added. Whatever arrives, the answer is a
 * clear 4xx in the one error shape (or a success for a body that happens to be valid) — never a
 * 5xx — and every response still matches the spec (the harness checks each one).
 */
import { recordInboundMessage } from '@laras/core/conversations';
import { draftForMessage } from '@laras/core/drafts';
import { type OperationId, operationIndex } from '@laras/openapi';
import { createTestPartner, startTestApi, type TestApi, type TestPartner } from '@laras/testkit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const RUNS = 30;

let api: TestApi;
let partner: TestPartner;
let ids: Record<string, string>;

beforeAll(async () => {
  api = await startTestApi({ API_RATE_LIMIT_PER_MINUTE: '1000000' });
  partner = await createTestPartner(api.ownerDb);
  const ws = await api.call<{ id: string }>('POST', '/v1/workspaces', {
    key: partner.apiKey,
    body: { name: 'Fuzz' },
  });
  const scope = { partnerId: partner.partnerId, workspaceId: ws.body.id };
  const { message } = await recordInboundMessage({ db: api.appDb }, scope, {
    channel: 'whatsapp',
    surface: 'whatsapp',
    threadKey: '6281200000001',
    customer: { providerUserId: '6281200000001' },
    providerMessageId: `wamid.fuzz.${ws.body.id}`,
    type: 'text',
    text: 'Hello?',
    details: {},
    sentAt: new Date(),
  });
  if (!message) throw new Error('message not stored');
  const drafted = await draftForMessage({ db: api.appDb }, scope, message.id);
  if (drafted.status === 'skipped') throw new Error(drafted.reason);
  ids = { workspace_id: ws.body.id, draft_id: drafted.draft.id };
});
afterAll(() => api?.close());

/** Plausible bodies to mutate; operations not listed start from `{}`. */
const SAMPLES: Partial<Record<OperationId, Record<string, unknown>>> = {
  createWorkspace: { name: 'Kopi', external_id: 'c-1', metadata: { tier: 'gold' } },
  updateWorkspace: { name: 'Kopi', metadata: { tier: 'gold' } },
  replaceBusinessContext: {
    business: { name: 'Kopi', description: 'Coffee', tone: 'warm', languages: ['en'] },
    catalog: [{ sku: 'A-1', name: 'Beans', price: { amount: 100, currency: 'IDR' } }],
    policies: [{ topic: 'returns', text: '7 days' }],
    faqs: [{ question: 'Open?', answer: 'Yes' }],
  },
  replaceReviewRules: {
    auto_send: { whatsapp: true },
    always_review_keywords: ['refund'],
    blocked_phrases: [],
    min_confidence: 0.5,
  },
  createApiKey: { name: 'CI', mode: 'test' },
  updateBranding: { display_name: 'Agency', primary_color: '#112233', portal_hostnames: ['a.example'] },
  createConnectSession: { channel: 'whatsapp', return_url: 'https://agency.example/done' },
  approveDraft: { text: 'Yes, we are open.' },
  rejectDraft: { reason: 'Not now' },
  createDraftPreview: { text: 'How much?', channel: 'whatsapp' },
  createSession: { email: 'owner@example.com', password: 'secret-password' },
};

/** The sample with each field kept, dropped or replaced by any JSON, plus stray fields now and then. */
function mutated(sample: Record<string, unknown>) {
  const fields = Object.fromEntries(
    Object.entries(sample).map(([key, value]) => [
      key,
      fc.oneof(
        { weight: 3, arbitrary: fc.constant(value) },
        { weight: 1, arbitrary: fc.constant(undefined) },
        { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
      ),
    ]),
  );
  return fc
    .tuple(
      fc.record(fields),
      fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }),
    )
    .map(([record, extra]) => JSON.stringify({ ...extra, ...record }));
}

const bodies = (sample: Record<string, unknown>) =>
  fc.oneof(
    { weight: 4, arbitrary: mutated(sample) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  );

const withBodies = (
  Object.entries(operationIndex) as Array<[OperationId, { method: string; path: string }]>
).filter(([, op]) => ['post', 'put', 'patch'].includes(op.method) && op.path.startsWith('/v1/'));

describe('every JSON body under fuzzing', () => {
  it.each(withBodies)('%s answers 2xx or a clear 4xx, never 5xx', async (operationId, op) => {
    const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? 'unknown_0001');
    await fc.assert(
      fc.asyncProperty(bodies(SAMPLES[operationId] ?? {}), async (rawBody) => {
        const res = await api.call<{ error?: { code: string; message: string } }>(
          op.method.toUpperCase(),
          path,
          {
            key: partner.apiKey,
            rawBody,
          },
        );
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) expect(res.body.error?.message).toEqual(expect.any(String));
      }),
      { numRuns: RUNS },
    );
  });
});
