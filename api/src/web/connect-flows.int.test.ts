/**
 * The connect flows end to end against a real Meta sandbox: the server endpoints driven exactly
 * as the connect page and the browser drive them, the sandbox's popup and consent forms standing
 * in for Meta's. Each test connects fresh sandbox accounts, so routing ids never collide.
 */
import { createHash } from 'node:crypto';
import { type FaultKind, type MetaSandbox, startMetaSandbox } from '@laras/meta-sandbox';
import type { components } from '@laras/openapi';
import {
  createTestPartner,
  decideInstagramLogin,
  runEmbeddedSignup,
  startTestApi,
  type TestApi,
  type TestPartner,
} from '@laras/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

type ConnectionList = components['schemas']['ConnectionList'];
type ConnectSession = components['schemas']['ConnectSession'];
type ErrorBody = components['schemas']['Error'];
type SignupAnswer = {
  connection: { id: string; display_phone_number: string | null; verified_name: string | null };
  return_url: string | null;
};

let sandbox: MetaSandbox;
let api: TestApi;
/** Every body the platform answered in the current test: none may carry a Meta token or code. */
const bodies: string[] = [];
/** Every log line the platform wrote (debug level and up): none may carry one either. */
const logLines: string[] = [];

beforeAll(async () => {
  sandbox = await startMetaSandbox({ port: 0 });
  api = await startTestApi(sandbox.env, { logLines });
});
afterAll(async () => {
  await api?.close();
  await sandbox?.close();
});
beforeEach(() => {
  sandbox.faults.clear();
  bodies.length = 0;
  logLines.length = 0;
});
afterEach(() => {
  // Prove the log is captured at all, so an empty log cannot pass for a clean one.
  expect(logLines.some((line) => line.includes('"category":"http"'))).toBe(true);
  const all = [...bodies, ...logLines].join('\n');
  // The sandbox's tokens and codes are a prefix + 120-160 base64url characters: long enough that
  // no state, id or link token can match by chance.
  expect(all).not.toMatch(/EAAS[A-Za-z0-9_-]{100}/);
  expect(all).not.toMatch(/IGAA[A-Za-z0-9_-]{100}/);
  expect(all).not.toMatch(/AQ[A-Za-z0-9_-]{100}/);
  // Nor may a connect link's own secret appear in a log line.
  expect(logLines.join('\n')).not.toMatch(/\/connect\/(?!\[redacted\])[A-Za-z0-9_-]{20,}/);
});

async function newWorkspace(): Promise<{ partner: TestPartner; workspaceId: string }> {
  const partner = await createTestPartner(api.ownerDb);
  const ws = await api.call<{ id: string }>('POST', '/v1/workspaces', {
    key: partner.apiKey,
    body: { name: 'Connect Flow Co' },
  });
  return { partner, workspaceId: ws.body.id };
}

async function connectLink(
  owner: { partner: TestPartner; workspaceId: string },
  channel: 'whatsapp' | 'instagram',
  returnUrl?: string,
): Promise<{ token: string; sessionId: string }> {
  const res = await api.call<ConnectSession>('POST', `/v1/workspaces/${owner.workspaceId}/connect-sessions`, {
    key: owner.partner.apiKey,
    body: { channel, ...(returnUrl ? { return_url: returnUrl } : {}) },
  });
  expect(res.status).toBe(201);
  return { token: new URL(res.body.url).pathname.split('/').at(-1) ?? '', sessionId: res.body.id };
}

/** A browser request to the platform (no redirects followed); the body is kept for the token check. */
async function browse(
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; text: string; location: string }> {
  const res = await fetch(new URL(path, api.url), { redirect: 'manual', ...init });
  const text = await res.text();
  bodies.push(text);
  return { status: res.status, text, location: res.headers.get('location') ?? '' };
}

async function startAttempt(token: string): Promise<string> {
  const res = await browse(`/connect/${token}/attempts`, { method: 'POST' });
  expect(res.status).toBe(200);
  return (JSON.parse(res.text) as { state: string }).state;
}

function freshNumber() {
  const added = sandbox.state.addBusiness({ name: 'Toko Roti Fresh' });
  const phone = added.phoneNumbers[0];
  if (!phone) throw new Error('addBusiness made no number');
  return { businessId: added.businessId, wabaId: added.wabaId, phoneNumberId: phone.id, phone };
}

type Choice = ReturnType<typeof freshNumber>;

async function finishSignup(state: string, choice: Choice, code?: string) {
  const signupCode = code ?? (await runEmbeddedSignup(sandbox, choice, { openerOrigin: api.url })).code;
  const res = await api.call<SignupAnswer | ErrorBody>('POST', '/api/wa/embedded-signup-callback', {
    body: { state, code: signupCode, waba_id: choice.wabaId, phone_number_id: choice.phoneNumberId },
  });
  bodies.push(JSON.stringify(res.body));
  return res;
}

async function connectionRows(workspaceId: string) {
  return api.ownerDb('connections').where({ workspace_id: workspaceId });
}

describe('WhatsApp Embedded Signup', () => {
  it('connects: page, attempt, popup, callback; token stored encrypted; WABA subscribed, number registered', async () => {
    const owner = await newWorkspace();
    const { token, sessionId } = await connectLink(owner, 'whatsapp', 'https://agency.example/done');
    const page = await browse(`/connect/${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(sandbox.env.FACEBOOK_SDK_URL);
    expect(page.text).toContain(`"signupOrigin":"${sandbox.url}"`);
    // A way back for a person who gives up, telling the return URL it was cancelled.
    expect(page.text).toContain('href="https://agency.example/done?status=cancelled&amp;channel=whatsapp"');
    // None without a return URL.
    const bare = await connectLink(owner, 'whatsapp');
    expect((await browse(`/connect/${bare.token}`)).text).not.toContain('id="back"');

    const state = await startAttempt(token);
    const choice = freshNumber();
    const outcome = await runEmbeddedSignup(sandbox, choice, { openerOrigin: api.url });
    expect(outcome.event).toMatchObject({ event: 'FINISH', data: { waba_id: choice.wabaId } });
    const res = await finishSignup(state, choice, outcome.code ?? '');
    expect(res.status).toBe(200);
    const body = res.body as SignupAnswer;
    expect(body).toEqual({
      connection: {
        id: expect.stringMatching(/^con_/),
        display_phone_number: choice.phone.displayPhoneNumber,
        verified_name: choice.phone.verifiedName,
      },
      return_url: 'https://agency.example/done?status=connected',
    });

    const list = await api.call<ConnectionList>('GET', `/v1/workspaces/${owner.workspaceId}/connections`, {
      key: owner.partner.apiKey,
    });
    bodies.push(JSON.stringify(list.body));
    expect(list.body.data).toEqual([
      expect.objectContaining({
        id: body.connection.id,
        channel: 'whatsapp',
        status: 'active',
        whatsapp: expect.objectContaining({
          waba_id: choice.wabaId,
          phone_number_id: choice.phoneNumberId,
          verified_name: choice.phone.verifiedName,
        }),
      }),
    ]);
    const [row] = await connectionRows(owner.workspaceId);
    expect(row.token_ciphertext).toMatch(/^v\d+\./);
    expect(row.token_ciphertext).not.toContain('EAA');
    expect(row.token_expires_at).toBeInstanceOf(Date);

    expect(sandbox.state.wabaSubscriptions(choice.wabaId)).toEqual([
      { wabaId: choice.wabaId, appId: api.config.meta.appId, overrideCallbackUri: null },
    ]);
    expect(sandbox.state.isRegistered(choice.phoneNumberId)).toBe(true);
    // The link is spent once the connection is stored.
    expect((await browse(`/connect/${token}`)).status).toBe(404);
    expect(await api.ownerDb('connect_sessions').where({ id: sessionId }).first()).toMatchObject({
      outcome: 'connected',
      connection_id: body.connection.id,
    });
  });

  it.each<[FaultKind, number]>([
    ['expired_code', 400],
    ['server_error', 503],
    ['invalid_token', 400],
  ])(
    'code exchange failing with %s: a clear error, no connection, and the link can be retried',
    async (kind, status) => {
      const owner = await newWorkspace();
      const { token } = await connectLink(owner, 'whatsapp');
      const choice = freshNumber();
      sandbox.faults.inject({ operation: 'graph.oauth.access_token', kind });
      const failed = await finishSignup(await startAttempt(token), choice);
      expect(failed.status).toBe(status);
      const message = (failed.body as ErrorBody).error.message;
      expect(message).toMatch(status === 503 ? /Meta did not answer/ : /Meta refused the connection/);
      expect(await connectionRows(owner.workspaceId)).toEqual([]);
      expect(sandbox.state.wabaSubscriptions(choice.wabaId)).toEqual([]);

      const retried = await finishSignup(await startAttempt(token), choice);
      expect(retried.status).toBe(200);
      expect(await connectionRows(owner.workspaceId)).toHaveLength(1);
    },
  );

  it('a failing later step (register) stores nothing', async () => {
    const owner = await newWorkspace();
    const { token } = await connectLink(owner, 'whatsapp');
    sandbox.faults.inject({ operation: 'graph.register', kind: 'server_error' });
    const res = await finishSignup(await startAttempt(token), freshNumber());
    expect(res.status).toBe(503);
    expect(await connectionRows(owner.workspaceId)).toEqual([]);
  });

  it('refuses a WABA the signup did not grant', async () => {
    const owner = await newWorkspace();
    const { token } = await connectLink(owner, 'whatsapp');
    const granted = freshNumber();
    const other = freshNumber();
    const code = (await runEmbeddedSignup(sandbox, granted, { openerOrigin: api.url })).code ?? '';
    const res = await finishSignup(await startAttempt(token), other, code);
    expect(res.status).toBe(400);
    expect((res.body as ErrorBody).error.param).toBe('waba_id');
    expect(await connectionRows(owner.workspaceId)).toEqual([]);
  });

  it('refuses an unknown state and a state of another channel', async () => {
    const owner = await newWorkspace();
    const { token } = await connectLink(owner, 'instagram');
    const igLaunch = await browse(`/connect/${token}`);
    const igState = new URL(igLaunch.location).searchParams.get('state') ?? '';
    for (const state of ['A'.repeat(43), igState, 'not a state']) {
      const res = await finishSignup(state, freshNumber());
      expect(res.status).toBe(400);
      expect((res.body as ErrorBody).error.param).toBe('state');
    }
    expect(await connectionRows(owner.workspaceId)).toEqual([]);
  });

  it('a state works once: replaying it fails', async () => {
    const owner = await newWorkspace();
    const { token } = await connectLink(owner, 'whatsapp');
    const state = await startAttempt(token);
    const choice = freshNumber();
    expect((await finishSignup(state, choice)).status).toBe(200);
    const replay = await finishSignup(state, choice);
    expect(replay.status).toBe(400);
    expect((replay.body as ErrorBody).error.param).toBe('state');
    expect(await connectionRows(owner.workspaceId)).toHaveLength(1);
  });

  it('an expired link opens nothing and its attempts cannot finish', async () => {
    const owner = await newWorkspace();
    const { token, sessionId } = await connectLink(owner, 'whatsapp');
    const state = await startAttempt(token);
    await api
      .ownerDb('connect_sessions')
      .where({ id: sessionId })
      .update({ expires_at: new Date(Date.now() - 1000) });
    expect((await browse(`/connect/${token}`)).status).toBe(404);
    expect((await browse(`/connect/${token}/attempts`, { method: 'POST' })).status).toBe(404);
    const res = await finishSignup(state, freshNumber());
    expect(res.status).toBe(400);
    expect(await connectionRows(owner.workspaceId)).toEqual([]);
  });

  it('a newer launch makes the state of an earlier one stale', async () => {
    const owner = await newWorkspace();
    const { token } = await connectLink(owner, 'whatsapp');
    const first = await startAttempt(token);
    const second = await startAttempt(token);
    const choice = freshNumber();
    const stale = await finishSignup(first, choice);
    expect(stale.status).toBe(400);
    expect((stale.body as ErrorBody).error.param).toBe('state');
    expect((await finishSignup(second, choice)).status).toBe(200);
  });

  it('one number cannot be connected from a second workspace', async () => {
    const first = await newWorkspace();
    const choice = freshNumber();
    const firstLink = await connectLink(first, 'whatsapp');
    expect((await finishSignup(await startAttempt(firstLink.token), choice)).status).toBe(200);

    const second = await newWorkspace();
    const secondLink = await connectLink(second, 'whatsapp');
    // Meta lets the signup through (the number is already on the Cloud API); the routing id is not.
    const conflict = await finishSignup(await startAttempt(secondLink.token), choice);
    expect(conflict.status).toBe(409);
    expect(await connectionRows(second.workspaceId)).toEqual([]);
    // The partner hears of the connection that was made, and of nothing for the refused one.
    expect(
      await api
        .ownerDb('events')
        .where({ workspace_id: second.workspaceId })
        .whereNot({ type: 'workspace.created' }),
    ).toEqual([]);
    const [connected] = await api
      .ownerDb('events')
      .where({ workspace_id: first.workspaceId })
      .whereNot({ type: 'workspace.created' })
      .select('type', 'data');
    expect(connected).toMatchObject({
      type: 'connection.connected',
      data: { channel: 'whatsapp', whatsapp: { phone_number_id: choice.phoneNumberId } },
    });
    expect(await connectionRows(first.workspaceId)).toHaveLength(1);
  });

  it('reconnects a number after a disconnect without registering it again', async () => {
    const owner = await newWorkspace();
    const choice = freshNumber();
    const first = await finishSignup(
      await startAttempt((await connectLink(owner, 'whatsapp')).token),
      choice,
    );
    expect(first.status).toBe(200);
    const connectionId = (first.body as SignupAnswer).connection.id;
    const disconnected = await api.call(
      'DELETE',
      `/v1/workspaces/${owner.workspaceId}/connections/${connectionId}`,
      {
        key: owner.partner.apiKey,
      },
    );
    expect(disconnected.status).toBe(200);

    // A second register with a fresh PIN would be refused by Meta (two-step PIN already set).
    const again = await finishSignup(
      await startAttempt((await connectLink(owner, 'whatsapp')).token),
      choice,
    );
    expect(again.status).toBe(200);
    const rows = await connectionRows(owner.workspaceId);
    expect(rows.map((r) => r.status).sort()).toEqual(['active', 'disconnected']);
  });
});

describe('Instagram login', () => {
  async function launch(token: string) {
    const res = await browse(`/connect/${token}`);
    expect(res.status).toBe(302);
    return res.location;
  }

  it('connects: redirect to consent, Allow, callback; token encrypted; account subscribed', async () => {
    const owner = await newWorkspace();
    const { token } = await connectLink(owner, 'instagram');
    const account = sandbox.state.addInstagramAccount({ username: `toko.${Date.now()}` });
    const authorize = new URL(await launch(token));
    expect(`${authorize.origin}${authorize.pathname}`).toBe(
      `${sandbox.env.INSTAGRAM_OAUTH_URL}/oauth/authorize`,
    );
    expect(authorize.searchParams.get('client_id')).toBe(api.config.meta.instagramAppId);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${api.url}/api/instagram/oauth-callback`);
    expect(authorize.searchParams.get('response_type')).toBe('code');

    const back = await decideInstagramLogin(authorize.toString(), 'allow', account.userId);
    expect(back.origin + back.pathname).toBe(`${api.url}/api/instagram/oauth-callback`);
    expect(back.hash).toBe('#_');
    const done = await browse(back.pathname + back.search);
    expect(done.status).toBe(200);
    expect(done.text).toContain(`Connected: @${account.username}`);

    const list = await api.call<ConnectionList>('GET', `/v1/workspaces/${owner.workspaceId}/connections`, {
      key: owner.partner.apiKey,
    });
    bodies.push(JSON.stringify(list.body));
    expect(list.body.data).toEqual([
      expect.objectContaining({
        channel: 'instagram',
        status: 'active',
        instagram: { account_id: account.userId, username: account.username, account_type: 'BUSINESS' },
      }),
    ]);
    const [row] = await connectionRows(owner.workspaceId);
    expect(row.token_ciphertext).toMatch(/^v\d+\./);
    expect(row.token_ciphertext).not.toContain('IGAA');
    // The app-scoped id /me answered (Meta's callbacks may name it) is kept as its sha256 only.
    expect(account.appScopedId).not.toBe(account.userId);
    expect(row.ig_app_scoped_sha256).toBe(createHash('sha256').update(account.appScopedId).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(account.appScopedId);
    expect(sandbox.state.instagramSubscriptions(account.userId)).toEqual([
      { userId: account.userId, appId: api.config.meta.instagramAppId, fields: ['comments', 'messages'] },
    ]);
  });

  it('goes back to the return_url with status=connected when the session has one', async () => {
    const owner = await newWorkspace();
    const { token } = await connectLink(owner, 'instagram', 'https://agency.example/ig-done');
    const account = sandbox.state.addInstagramAccount();
    const back = await decideInstagramLogin(await launch(token), 'allow', account.userId);
    const done = await browse(back.pathname + back.search);
    expect(done.status).toBe(302);
    expect(done.location).toBe('https://agency.example/ig-done?status=connected');
  });

  it('Cancel stores nothing and goes back with status=cancelled', async () => {
    const owner = await newWorkspace();
    const { token } = await connectLink(owner, 'instagram', 'https://agency.example/ig-done');
    const back = await decideInstagramLogin(await launch(token), 'cancel');
    expect(back.searchParams.get('error')).toBe('access_denied');
    const done = await browse(back.pathname + back.search);
    expect(done.status).toBe(302);
    expect(done.location).toBe('https://agency.example/ig-done?status=cancelled');
    expect(await connectionRows(owner.workspaceId)).toEqual([]);
  });

  it('Cancel without a return_url answers a 400 page', async () => {
    const owner = await newWorkspace();
    const { token } = await connectLink(owner, 'instagram');
    const back = await decideInstagramLogin(await launch(token), 'cancel');
    const done = await browse(back.pathname + back.search);
    expect(done.status).toBe(400);
    expect(await connectionRows(owner.workspaceId)).toEqual([]);
  });

  it('a callback can be used once: replaying its state fails', async () => {
    const owner = await newWorkspace();
    const { token } = await connectLink(owner, 'instagram');
    const account = sandbox.state.addInstagramAccount();
    const back = await decideInstagramLogin(await launch(token), 'allow', account.userId);
    expect((await browse(back.pathname + back.search)).status).toBe(200);
    const replay = await browse(back.pathname + back.search);
    expect(replay.status).toBe(400);
    expect(await connectionRows(owner.workspaceId)).toHaveLength(1);
  });

  it.each<['ig.oauth.access_token' | 'ig.access_token' | 'ig.me' | 'ig.subscribed_apps', FaultKind, number]>([
    ['ig.oauth.access_token', 'expired_code', 400],
    ['ig.access_token', 'server_error', 503],
    ['ig.me', 'invalid_token', 400],
    ['ig.subscribed_apps', 'server_error', 503],
  ])('%s failing with %s stores nothing', async (operation, kind, status) => {
    const owner = await newWorkspace();
    const { token } = await connectLink(owner, 'instagram');
    const account = sandbox.state.addInstagramAccount();
    sandbox.faults.inject({ operation, kind });
    const back = await decideInstagramLogin(await launch(token), 'allow', account.userId);
    const done = await browse(back.pathname + back.search);
    expect(done.status).toBe(status);
    expect(await connectionRows(owner.workspaceId)).toEqual([]);
  });
});
