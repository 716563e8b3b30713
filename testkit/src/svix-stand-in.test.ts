/** The stand-in answers the real `svix` client with Svix's statuses and shapes. */
import { ApiException, Svix } from 'svix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SvixStandIn, startSvixStandIn } from './svix-stand-in.ts';

let standIn: SvixStandIn;
let svix: Svix;

beforeAll(async () => {
  standIn = await startSvixStandIn('sk_test_standin');
  svix = new Svix(standIn.token, { serverUrl: standIn.url, retryScheduleInMs: [] });
});
afterAll(() => standIn.close());

async function failure(call: Promise<unknown>): Promise<ApiException<unknown>> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ApiException) return error;
    throw error;
  }
  throw new Error('the call succeeded');
}

describe('the Svix stand-in', () => {
  it('gets or creates an application by uid (201, then 200 with the same id)', async () => {
    const created = await svix.application.getOrCreate({ name: 'Agency', uid: 'ptn_1' });
    const again = await svix.application.getOrCreate({ name: 'Agency', uid: 'ptn_1' });
    expect(created.id).toMatch(/^app_[A-Za-z0-9]{27}$/);
    expect(again.id).toBe(created.id);
    expect(created.createdAt).toBeInstanceOf(Date);
    expect((await failure(svix.application.create({ name: 'Agency', uid: 'ptn_1' }))).code).toBe(409);
  });

  it('accepts a message (202), refuses its eventId again (409), replays an idempotency key', async () => {
    await svix.application.getOrCreate({ name: 'Agency', uid: 'ptn_2' });
    const message = { eventType: 'draft.approved', eventId: 'evt_1', payload: { id: 'evt_1' } };
    const out = await svix.message.create('ptn_2', message, { idempotencyKey: 'k1' });
    expect(out).toMatchObject({ eventType: 'draft.approved', eventId: 'evt_1', payload: { id: 'evt_1' } });
    expect(out.id).toMatch(/^msg_[A-Za-z0-9]{27}$/);
    expect((await svix.message.create('ptn_2', message, { idempotencyKey: 'k1' })).id).toBe(out.id);
    const duplicate = await failure(svix.message.create('ptn_2', message, { idempotencyKey: 'k2' }));
    expect(duplicate.code).toBe(409);
    expect(duplicate.body).toMatchObject({ code: 'conflict' });
    expect(standIn.messages.filter((m) => m.eventId === 'evt_1')).toHaveLength(1);
    const invalid = await failure(svix.message.create('ptn_2', { ...message, eventId: 'a=b/c' }));
    expect(invalid.code).toBe(422);
    expect((await failure(svix.message.create('nobody', { ...message, eventId: 'evt_2' }))).code).toBe(404);
  });

  it('answers App Portal access, refuses a wrong token (401) and injects faults', async () => {
    await svix.application.getOrCreate({ name: 'Agency', uid: 'ptn_3' });
    const access = await svix.authentication.appPortalAccess('ptn_3', {});
    expect(access.url).toMatch(new RegExp(`^${standIn.url}/app-portal/ptn_3#key=`));
    expect(access.token).toEqual(expect.any(String));
    const wrong = new Svix('sk_wrong', { serverUrl: standIn.url, retryScheduleInMs: [] });
    const unauthorized = await failure(wrong.application.getOrCreate({ name: 'x', uid: 'y' }));
    expect(unauthorized.code).toBe(401);
    expect(unauthorized.body).toEqual({ code: 'authentication_failed', detail: 'Invalid token' });
    standIn.fail(1, 429);
    standIn.fail(1, 503);
    expect((await failure(svix.authentication.appPortalAccess('ptn_3', {}))).code).toBe(429);
    expect((await failure(svix.authentication.appPortalAccess('ptn_3', {}))).code).toBe(503);
    expect((await svix.authentication.appPortalAccess('ptn_3', {})).url).toContain('/app-portal/ptn_3');
  });
});
