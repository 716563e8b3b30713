import type { components } from '@laras/openapi';
import { createTestPartner, startTestApi, type TestApi, type TestPartner } from '@laras/testkit';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

type ReviewRules = components['schemas']['ReviewRules'];
type ErrorBody = components['schemas']['Error'];

let api: TestApi;
let partner: TestPartner;
let workspaceId: string;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());
beforeEach(async () => {
  partner = await createTestPartner(api.ownerDb);
  const ws = await api.call<{ id: string }>('POST', '/v1/workspaces', {
    key: partner.apiKey,
    body: { name: 'W' },
  });
  workspaceId = ws.body.id;
});

const path = () => `/v1/workspaces/${workspaceId}/review-rules`;
const put = <T = ReviewRules>(body: unknown, key = partner.apiKey) =>
  api.call<T>('PUT', path(), { key, body });

it('starts with nothing sent automatically', async () => {
  const res = await api.call<ReviewRules>('GET', path(), { key: partner.apiKey });
  expect(res.body).toEqual({
    workspace_id: workspaceId,
    auto_send: { whatsapp: false, instagram_dm: false, instagram_comment: false },
    always_review_keywords: [],
    blocked_phrases: [],
    min_confidence: 0.7,
    updated_at: null,
  });
});

it('stores rules, trimming and de-duplicating phrases, and serves them back', async () => {
  const res = await put({
    auto_send: { whatsapp: true, instagram_dm: true },
    always_review_keywords: ['refund', ' Refund ', 'lawyer'],
    blocked_phrases: ['guaranteed cure'],
    min_confidence: 0.85,
  });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    auto_send: { whatsapp: true, instagram_dm: true, instagram_comment: false },
    always_review_keywords: ['refund', 'lawyer'],
    blocked_phrases: ['guaranteed cure'],
    min_confidence: 0.85,
  });
  const got = await api.call<ReviewRules>('GET', path(), { key: partner.apiKey });
  expect(got.body).toEqual(res.body);
});

it('resets omitted fields to their defaults', async () => {
  await put({ auto_send: { whatsapp: true }, min_confidence: 0.9 });
  const res = await put({ blocked_phrases: ['x'] });
  expect(res.body).toMatchObject({
    auto_send: { whatsapp: false },
    min_confidence: 0.7,
    blocked_phrases: ['x'],
  });
});

it.each([
  [{ min_confidence: 1.5 }, 'min_confidence'],
  [{ min_confidence: '0.5' }, 'min_confidence'],
  [{ auto_send: { whatsapp: 'yes' } }, 'auto_send.whatsapp'],
  [{ auto_send: { telegram: true } }, 'auto_send.telegram'],
  [{ always_review_keywords: ['  '] }, 'always_review_keywords[0]'],
  [{ blocked_phrases: ['x'.repeat(201)] }, 'blocked_phrases[0]'],
])('rejects %j at %s', async (body, param) => {
  const res = await put<ErrorBody>(body);
  expect(res.status).toBe(400);
  expect(res.body.error.param).toBe(param);
  expect(await api.ownerDb('review_rules').where({ workspace_id: workspaceId })).toEqual([]);
});

it('keeps another partner out', async () => {
  await put({ auto_send: { whatsapp: true } });
  const intruder = await createTestPartner(api.ownerDb);
  expect((await api.call('GET', path(), { key: intruder.apiKey })).status).toBe(404);
  expect((await put({ auto_send: { whatsapp: false } }, intruder.apiKey)).status).toBe(404);
  const mine = await api.call<ReviewRules>('GET', path(), { key: partner.apiKey });
  expect(mine.body.auto_send.whatsapp).toBe(true);
});
