import { createHash } from 'node:crypto';
import { disconnectConnection, storeConnection } from '@laras/core/connections';
import { recordInboundMessage } from '@laras/core/conversations';
import { signRequest } from '@laras/core/meta';
import { runDataErasures } from '@laras/core/meta-callbacks';
import { parseKeyRing } from '@laras/core/vault';
import { createTestPartner, startTestApi, type TestApi } from '@laras/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const unique = () => `1784${Date.now()}${Math.floor(Math.random() * 1000)}`;
/** Meta's `issued_at`: whole seconds. */
const issuedNow = () => Math.floor(Date.now() / 1000);

async function connectInstagram(accountId: string, appScopedId?: string) {
  const partner = await createTestPartner(api.ownerDb);
  const ws = await api.call<{ id: string }>('POST', '/v1/workspaces', {
    key: partner.apiKey,
    body: { name: 'IG' },
  });
  return storeConnection(
    { db: api.appDb, vault: parseKeyRing(api.config.encryptionKeys) },
    { partnerId: partner.partnerId, workspaceId: ws.body.id },
    {
      channel: 'instagram',
      accountId,
      appScopedId,
      username: 'kopikita',
      accountType: 'BUSINESS',
      token: 'IGQ-secret-token',
      tokenExpiresAt: new Date(Date.now() + 86_400_000),
    },
  );
}

const post = (path: string, signedRequest: string) =>
  api.call<Record<string, unknown>>('POST', path, {
    rawBody: `signed_request=${encodeURIComponent(signedRequest)}`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
const row = (id: string) => api.ownerDb('connections').where({ id }).first();
/** What the workers do after a data-deletion callback: that request's erasures, to the end. */
const runErasures = (res: { body: Record<string, unknown> }) =>
  runDataErasures({ db: api.appDb }, { only: String(res.body.confirmation_code) });
const disconnectEvents = async (connectionId: string) =>
  (
    await api
      .ownerDb('events')
      .where({ type: 'connection.disconnected' })
      .whereRaw("data->>'connection_id' = ?", [connectionId])
      .select('data')
  ).map((e) => e.data);

it('deauthorize clears the token and account references of that account', async () => {
  const accountId = unique();
  const connection = await connectInstagram(accountId);
  const signed = signRequest(
    { algorithm: 'HMAC-SHA256', user_id: accountId, issued_at: issuedNow() },
    api.config.meta.instagramAppSecret,
  );
  const res = await post('/api/meta/instagram/deauthorize', signed);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ success: true, cleared: 1 });
  expect(await row(connection.id)).toMatchObject({
    status: 'disconnected',
    token_ciphertext: null,
    routing_id: null,
    ig_account_id: null,
    ig_username: null,
  });
  expect(await disconnectEvents(connection.id)).toEqual([
    { connection_id: connection.id, channel: 'instagram', reason: 'meta_deauthorized' },
  ]);
});

it('refuses an invalid or missing signature with 400 and changes nothing', async () => {
  const accountId = unique();
  const connection = await connectInstagram(accountId);
  const forged = signRequest({ algorithm: 'HMAC-SHA256', user_id: accountId }, 'not-the-secret');
  for (const [path, body] of [
    ['/api/meta/instagram/deauthorize', forged],
    ['/api/meta/data-deletion', forged],
    ['/api/meta/data-deletion', ''],
  ] as const) {
    const res = await post(path, body);
    expect(res.status, path).toBe(400);
    expect((res.body.error as { param?: string }).param).toBe('signed_request');
  }
  expect(await row(connection.id)).toMatchObject({ status: 'active', ig_account_id: accountId });
  expect((await row(connection.id)).token_ciphertext).toMatch(/^v1\./);
});

it('data deletion clears the account, answers url + confirmation code, and the status page shows it', async () => {
  const accountId = unique();
  const connection = await connectInstagram(accountId);
  const scope = { partnerId: (await row(connection.id)).partner_id, workspaceId: connection.workspaceId };
  const { message } = await recordInboundMessage({ db: api.appDb }, scope, {
    channel: 'instagram',
    surface: 'instagram_dm',
    threadKey: 'igsid-42',
    customer: { providerUserId: 'igsid-42', username: 'sari.k' },
    providerMessageId: `mid.${accountId}`,
    type: 'text',
    text: 'my address is Jl. Braga 1',
    details: { reply_to: { messageId: 'mid.0' } },
    sentAt: new Date(),
  });
  const signed = signRequest(
    { algorithm: 'HMAC-SHA256', user_id: accountId },
    api.config.meta.instagramAppSecret,
  );
  const res = await post('/api/meta/data-deletion', signed);
  expect(res.status).toBe(200);
  const body = res.body as { url: string; confirmation_code: string };
  expect(body.confirmation_code).toMatch(/^[0-9a-f]{24}$/);
  expect(body.url).toBe(`${api.url}/api/meta/data-deletion/status?code=${body.confirmation_code}`);
  expect((await row(connection.id)).token_ciphertext).toBeNull();
  expect(await disconnectEvents(connection.id)).toEqual([
    { connection_id: connection.id, channel: 'instagram', reason: 'meta_data_deletion' },
  ]);
  // The token went at once; the content goes in the workers, and the status page says so meanwhile.
  const statusPage = async () => {
    const page = await fetch(`${api.url}/api/meta/data-deletion/status?code=${body.confirmation_code}`);
    expect(page.status).toBe(200);
    return page.text();
  };
  const pending = await statusPage();
  expect(pending).toContain('Status: in progress');
  expect(pending).not.toContain('completed');
  expect(await api.ownerDb('messages').where({ id: message?.id }).first()).toMatchObject({
    text: 'my address is Jl. Braga 1',
  });
  expect(await runErasures(res)).toMatchObject({ claimed: 1, finished: 1 });

  // What the customer wrote is gone; the records stay.
  const erased = await api.ownerDb('messages').where({ id: message?.id }).first();
  expect(erased).toMatchObject({ text: null, details: {}, provider_message_id: `mid.${accountId}` });
  const contact = await api.ownerDb('contacts').where({ workspace_id: scope.workspaceId }).first();
  expect(contact).toMatchObject({ name: null, username: null });
  const deleted = await api
    .ownerDb('events')
    .where({ workspace_id: scope.workspaceId, type: 'workspace.data_deleted' });
  expect(deleted.map((e) => e.data)).toEqual([
    { channel: 'instagram', reason: 'meta_data_deletion', messages_erased: 1, drafts_erased: 0 },
  ]);

  const html = await statusPage();
  expect(html).toContain(body.confirmation_code);
  expect(html).toContain('Status: completed');
  expect(html).toContain('reply drafts');
  expect(html).toContain('deleted 7 days after they arrived');
  const missing = await fetch(`${api.url}/api/meta/data-deletion/status?code=${'0'.repeat(24)}`);
  expect(missing.status).toBe(404);
});

it('answers data deletion signed by the WhatsApp app too (nothing of ours is keyed on Facebook user ids)', async () => {
  const signed = signRequest({ algorithm: 'HMAC-SHA256', user_id: '218471' }, api.config.meta.appSecret);
  const res = await post('/api/meta/data-deletion', signed);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ confirmation_code: expect.any(String) });
  // Its status page does not claim to have deleted what was never held.
  const page = await (await fetch(String(res.body.url))).text();
  expect(page).toContain('Status: completed');
  expect(page).toContain('No connection of this account was held');
  expect(page).not.toContain('tokens and references were deleted');
});

it('rejects a non-form body', async () => {
  const res = await api.call('POST', '/api/meta/data-deletion', { body: { signed_request: 'x' } });
  expect(res.status).toBe(415);
});

it('data deletion after deauthorize, or after the workspace disconnected, still erases that account’s content', async () => {
  const accountId = unique();
  // The account was connected in two workspaces over time: the first disconnected it itself.
  const earlier = await connectInstagram(accountId);
  const earlierScope = { partnerId: (await row(earlier.id)).partner_id, workspaceId: earlier.workspaceId };
  const record = (scope: typeof earlierScope, mid: string) =>
    recordInboundMessage({ db: api.appDb }, scope, {
      channel: 'instagram',
      surface: 'instagram_dm',
      threadKey: 'igsid-7',
      customer: { providerUserId: 'igsid-7', username: 'budi' },
      providerMessageId: mid,
      type: 'text',
      text: 'my phone is 0812 0000 0000',
      details: {},
      sentAt: new Date(),
    });
  const first = await record(earlierScope, `mid.a.${accountId}`);
  await disconnectConnection({ db: api.appDb }, earlierScope, earlier.id);
  const later = await connectInstagram(accountId);
  const laterScope = { partnerId: (await row(later.id)).partner_id, workspaceId: later.workspaceId };
  const second = await record(laterScope, `mid.b.${accountId}`);

  // Meta deauthorizes first, then asks for the deletion.
  const signed = signRequest(
    { algorithm: 'HMAC-SHA256', user_id: accountId, issued_at: issuedNow() },
    api.config.meta.instagramAppSecret,
  );
  expect((await post('/api/meta/instagram/deauthorize', signed)).body).toEqual({ success: true, cleared: 1 });
  const res = await post('/api/meta/data-deletion', signed);
  expect(res.status).toBe(200);
  expect(await runErasures(res)).toMatchObject({ claimed: 2, finished: 2 });
  for (const { message } of [first, second]) {
    expect(await api.ownerDb('messages').where({ id: message?.id }).first()).toMatchObject({ text: null });
  }
  for (const scope of [earlierScope, laterScope]) {
    const deleted = await api
      .ownerDb('events')
      .where({ workspace_id: scope.workspaceId, type: 'workspace.data_deleted' });
    expect(deleted.map((e) => e.data)).toEqual([
      { channel: 'instagram', reason: 'meta_data_deletion', messages_erased: 1, drafts_erased: 0 },
    ]);
  }
  // Nothing of the account is left to find: a repeated request reaches no connection.
  for (const id of [earlier.id, later.id]) {
    expect(await row(id)).toMatchObject({ status: 'disconnected', routing_id: null, account_sha256: null });
  }
  const again = await post('/api/meta/data-deletion', signed);
  expect(again.status).toBe(200);
  const deletions = await api.ownerDb('data_deletion_requests').where({
    confirmation_code: (again.body as { confirmation_code: string }).confirmation_code,
  });
  expect(deletions).toEqual([expect.objectContaining({ connections_cleared: 0 })]);
});

describe('an Instagram user named by the app-scoped id /me answered as `id`', () => {
  const sha256 = (id: string) => createHash('sha256').update(id, 'utf8').digest('hex');
  const signedBy = (userId: string, secret = api.config.meta.instagramAppSecret) =>
    signRequest({ algorithm: 'HMAC-SHA256', user_id: userId, issued_at: issuedNow() }, secret);
  const scopeOf = async (connectionId: string, workspaceId: string) => ({
    partnerId: (await row(connectionId)).partner_id as string,
    workspaceId,
  });
  const recordFrom = (scope: { partnerId: string; workspaceId: string }, mid: string) =>
    recordInboundMessage({ db: api.appDb }, scope, {
      channel: 'instagram',
      surface: 'instagram_dm',
      threadKey: 'igsid-9',
      customer: { providerUserId: 'igsid-9', username: 'dewi' },
      providerMessageId: mid,
      type: 'text',
      text: 'send it to Jl. Asia Afrika 8',
      details: {},
      sentAt: new Date(),
    });
  const untouched = async (connectionId: string, accountId: string) =>
    expect(await row(connectionId)).toMatchObject({
      status: 'active',
      routing_id: accountId,
      ig_account_id: accountId,
      token_ciphertext: expect.stringMatching(/^v\d+\./),
    });

  it('keeps only the sha256 of the app-scoped id', async () => {
    const [accountId, appScopedId] = [unique(), `9${unique()}`];
    const connection = await connectInstagram(accountId, appScopedId);
    const stored = await row(connection.id);
    expect(stored.ig_app_scoped_sha256).toBe(sha256(appScopedId));
    expect(JSON.stringify(stored)).not.toContain(appScopedId);
  });

  it('deauthorize by the app-scoped id disconnects that connection only; by the account id too', async () => {
    const [accountId, appScopedId] = [unique(), `9${unique()}`];
    const connection = await connectInstagram(accountId, appScopedId);
    // Another partner's connection of another account.
    const [otherAccount, otherScoped] = [unique(), `9${unique()}`];
    const other = await connectInstagram(otherAccount, otherScoped);

    const res = await post('/api/meta/instagram/deauthorize', signedBy(appScopedId));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, cleared: 1 });
    expect(await row(connection.id)).toMatchObject({
      status: 'disconnected',
      token_ciphertext: null,
      routing_id: null,
      ig_account_id: null,
      account_sha256: sha256(accountId),
      ig_app_scoped_sha256: sha256(appScopedId),
    });
    expect(await disconnectEvents(connection.id)).toEqual([
      { connection_id: connection.id, channel: 'instagram', reason: 'meta_deauthorized' },
    ]);
    await untouched(other.id, otherAccount);

    // The account id of a connection that also has an app-scoped id still matches.
    const byAccount = await post('/api/meta/instagram/deauthorize', signedBy(otherAccount));
    expect(byAccount.body).toEqual({ success: true, cleared: 1 });
    expect(await row(other.id)).toMatchObject({ status: 'disconnected', token_ciphertext: null });
  });

  it('data deletion by the app-scoped id after deauthorize still erases the content, then forgets both ids', async () => {
    const [accountId, appScopedId] = [unique(), `9${unique()}`];
    const connection = await connectInstagram(accountId, appScopedId);
    const scope = await scopeOf(connection.id, connection.workspaceId);
    const { message } = await recordFrom(scope, `mid.s.${accountId}`);
    const [otherAccount, otherScoped] = [unique(), `9${unique()}`];
    const other = await connectInstagram(otherAccount, otherScoped);
    const otherScope = await scopeOf(other.id, other.workspaceId);
    const { message: otherMessage } = await recordFrom(otherScope, `mid.o.${otherAccount}`);

    const signed = signedBy(appScopedId);
    expect((await post('/api/meta/instagram/deauthorize', signed)).body).toEqual({
      success: true,
      cleared: 1,
    });
    const res = await post('/api/meta/data-deletion', signed);
    expect(res.status).toBe(200);
    const code = (res.body as { confirmation_code: string }).confirmation_code;
    expect(await api.ownerDb('data_deletion_requests').where({ confirmation_code: code })).toEqual([
      expect.objectContaining({ app: 'instagram', connections_cleared: 1, status: 'in_progress' }),
    ]);
    await runErasures(res);
    expect(await api.ownerDb('messages').where({ id: message?.id }).first()).toMatchObject({ text: null });
    const deleted = await api
      .ownerDb('events')
      .where({ workspace_id: scope.workspaceId, type: 'workspace.data_deleted' });
    expect(deleted.map((e) => e.data)).toEqual([
      { channel: 'instagram', reason: 'meta_data_deletion', messages_erased: 1, drafts_erased: 0 },
    ]);
    expect(await row(connection.id)).toMatchObject({
      status: 'disconnected',
      account_sha256: null,
      ig_app_scoped_sha256: null,
    });
    // The other tenant's account and content are untouched.
    await untouched(other.id, otherAccount);
    expect(await api.ownerDb('messages').where({ id: otherMessage?.id }).first()).toMatchObject({
      text: 'send it to Jl. Asia Afrika 8',
    });

    // Nothing is left to find by either id.
    for (const id of [appScopedId, accountId]) {
      const again = await post('/api/meta/data-deletion', signedBy(id));
      const againCode = (again.body as { confirmation_code: string }).confirmation_code;
      expect(await api.ownerDb('data_deletion_requests').where({ confirmation_code: againCode })).toEqual([
        expect.objectContaining({ connections_cleared: 0 }),
      ]);
    }
  });

  it('ids of no connected account, or signed by the WhatsApp app, clear nothing', async () => {
    const [accountId, appScopedId] = [unique(), `9${unique()}`];
    const connection = await connectInstagram(accountId, appScopedId);
    const stranger = signedBy(`9${unique()}`);
    expect((await post('/api/meta/instagram/deauthorize', stranger)).body).toEqual({
      success: true,
      cleared: 0,
    });
    expect((await post('/api/meta/data-deletion', stranger)).status).toBe(200);
    // The WhatsApp app's users are Facebook users: an Instagram app-scoped id means nothing there.
    const viaWhatsApp = await post(
      '/api/meta/data-deletion',
      signedBy(appScopedId, api.config.meta.appSecret),
    );
    expect(viaWhatsApp.status).toBe(200);
    const code = (viaWhatsApp.body as { confirmation_code: string }).confirmation_code;
    expect(await api.ownerDb('data_deletion_requests').where({ confirmation_code: code })).toEqual([
      expect.objectContaining({ app: 'meta', connections_cleared: 0 }),
    ]);
    await untouched(connection.id, accountId);
    expect((await row(connection.id)).ig_app_scoped_sha256).toBe(sha256(appScopedId));
  });
});

describe('a request Meta issued before the account was connected again', () => {
  const signedAt = (userId: string, issuedAt: number) =>
    signRequest(
      { algorithm: 'HMAC-SHA256', user_id: userId, issued_at: issuedAt },
      api.config.meta.instagramAppSecret,
    );
  const connectedAtSeconds = async (connectionId: string) =>
    Math.floor((await row(connectionId)).connected_at.getTime() / 1000);

  it('deauthorize leaves a connection made after it, and clears one made before or in the same second', async () => {
    const accountId = unique();
    const connection = await connectInstagram(accountId);
    const connectedAt = await connectedAtSeconds(connection.id);

    const stale = await post('/api/meta/instagram/deauthorize', signedAt(accountId, connectedAt - 1));
    expect(stale.body).toEqual({ success: true, cleared: 0 });
    expect(await row(connection.id)).toMatchObject({ status: 'active', routing_id: accountId });
    expect(await disconnectEvents(connection.id)).toEqual([]);

    const current = await post('/api/meta/instagram/deauthorize', signedAt(accountId, connectedAt));
    expect(current.body).toEqual({ success: true, cleared: 1 });
    expect(await row(connection.id)).toMatchObject({ status: 'disconnected', token_ciphertext: null });
  });

  it('data deletion spares nothing: it also erases and disconnects a connection made (or renewed) since', async () => {
    const accountId = unique();
    const earlier = await connectInstagram(accountId);
    const earlierScope = { partnerId: (await row(earlier.id)).partner_id, workspaceId: earlier.workspaceId };
    await disconnectConnection({ db: api.appDb }, earlierScope, earlier.id);
    const later = await connectInstagram(accountId);
    const laterScope = { partnerId: (await row(later.id)).partner_id, workspaceId: later.workspaceId };
    // The later connection is made (or its row renewed by a reconnect) an hour after Meta issued the
    // request: what it holds may predate the request, so the deletion still reaches it.
    const issuedAt = issuedNow();
    await api
      .ownerDb('connections')
      .where({ id: later.id })
      .update({ connected_at: new Date((issuedAt + 3600) * 1000) });
    const record = (scope: typeof earlierScope, mid: string) =>
      recordInboundMessage({ db: api.appDb }, scope, {
        channel: 'instagram',
        surface: 'instagram_dm',
        threadKey: 'igsid-77',
        customer: { providerUserId: 'igsid-77', username: 'rina' },
        providerMessageId: mid,
        type: 'text',
        text: 'deliver to Jl. Dago 5',
        details: {},
        sentAt: new Date(),
      });
    const before = await record(earlierScope, `mid.early.${accountId}`);
    const since = await record(laterScope, `mid.since.${accountId}`);

    const res = await post('/api/meta/data-deletion', signedAt(accountId, issuedAt));
    expect(res.status).toBe(200);
    const { confirmation_code: code } = res.body as { confirmation_code: string };
    expect(await api.ownerDb('data_deletion_requests').where({ confirmation_code: code })).toEqual([
      expect.objectContaining({ connections_cleared: 2 }),
    ]);
    await runErasures(res);
    for (const { message } of [before, since]) {
      expect(await api.ownerDb('messages').where({ id: message?.id }).first()).toMatchObject({ text: null });
    }
    expect(await row(later.id)).toMatchObject({ status: 'disconnected', routing_id: null });
    expect(await row(earlier.id)).toMatchObject({ account_sha256: null });
  });
});
