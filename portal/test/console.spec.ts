/**
 * The partner console end to end in a real browser: the built portal served by the real platform
 * (real PostgreSQL and Redis). Partner staff sign in on the partner's hostname with an API key
 * (a wrong key first), create a workspace and an API key (its secret shown once), revoke that key,
 * edit the brand with a live preview, and sign out. A partner developer adds a webhook endpoint for
 * some event types, rotates its secret, delivers a failed event again, edits its filter back to every
 * event, and deletes a second endpoint after confirming; with Svix configured the
 * Webhooks page opens the Svix App Portal instead. Every list (workspaces, API keys, endpoints,
 * attempts) longer than a page shows the rest with "Load more". Each step leaves a screenshot in
 * test-results/screenshots.
 */
import { existsSync } from 'node:fs';
import { newId } from '@laras/core';
import {
  createTestPartner,
  launchBrowser,
  type SvixStandIn,
  screenshot,
  startSvixStandIn,
  startTestApi,
  type TestApi,
  type TestPartner,
} from '@laras/testkit';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { PAGE_SIZE } from '../src/features/console/paged-list.ts';
import { DARK_TEXT, textOn } from '../src/theme/contrast.ts';

/** Polls until the value matches: pages under the whole suite's load take seconds, not the default one. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 100 });

const PORTAL_DIST = new URL('../dist/index.html', import.meta.url);
const NUSA_HOST = 'nusa.laras.test';
const SVIX_HOST = 'svix-nusa.laras.test';
const HOOKS_HOST = 'hooks-nusa.laras.test';

let api: TestApi;
/** A second platform that sends webhooks through Svix (the stand-in). */
let svixApi: TestApi;
let standIn: SvixStandIn;
let browser: Browser;
let nusa: TestPartner;
const pageErrors: string[] = [];

function consoleUrl(path: string): string {
  return `http://${NUSA_HOST}:${new URL(api.url).port}${path}`;
}

beforeAll(async () => {
  if (!existsSync(PORTAL_DIST)) {
    throw new Error('portal/dist is missing: run `npm run build -w @laras/portal` (npm test does it).');
  }
  api = await startTestApi({ LARAS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true' });
  standIn = await startSvixStandIn();
  svixApi = await startTestApi({ SVIX_API_KEY: standIn.token, SVIX_SERVER_URL: standIn.url });
  browser = await launchBrowser({ loopbackHosts: [NUSA_HOST, SVIX_HOST, HOOKS_HOST] });
  nusa = await createTestPartner(api.ownerDb, 'Nusa Digital');
  const branded = await api.call('PATCH', '/v1/branding', {
    key: nusa.apiKey,
    body: { display_name: 'Nusa Digital', primary_color: '#0f766e', portal_hostnames: [NUSA_HOST] },
  });
  expect(branded.status).toBe(200);
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await svixApi?.close();
  await standIn?.close();
});

async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext();
  context.setDefaultTimeout(15_000);
  context.on('weberror', (error) => pageErrors.push(error.error().message));
  return context;
}

async function signIn(page: Page): Promise<void> {
  await page.goto(consoleUrl('/console'));
  await page.waitForURL(/\/console\/login$/);
  await page.getByRole('heading', { name: 'Nusa Digital console' }).waitFor();
  expect(await page.getByTestId('brand-name').textContent()).toBe('Nusa Digital');
  await page.getByLabel('API key').fill(`lrs_test_${'q'.repeat(40)}`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'That API key is not valid.' }).waitFor();
  await screenshot(page, 'console-01-wrong-key');
  await page.getByLabel('API key').fill(nusa.apiKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Workspaces' }).waitFor();
}

it('signs partner staff in with an API key and manages workspaces, keys and the brand', async () => {
  const context = await newContext();
  const page = await context.newPage();
  await signIn(page);

  // The key was sent once: nothing the page can read holds it, and the session cookie is httpOnly.
  const readable = await page.evaluate(() =>
    JSON.stringify([document.cookie, { ...localStorage }, { ...sessionStorage }]),
  );
  expect(readable).not.toContain(nusa.apiKey);
  expect(readable).not.toContain('laras_console');
  const cookies = await context.cookies();
  expect(cookies.find((c) => c.name === 'laras_console')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

  // Workspaces: create one and see it at a glance.
  await page.getByLabel('Name').fill('Kopi Kita');
  await page.getByLabel('External id (optional)').fill('crm-42');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  const row = page.getByTestId('workspace-row').filter({ hasText: 'Kopi Kita' });
  await row.getByTestId('workspace-status').waitFor();
  expect(await row.textContent()).toContain('external id crm-42');
  expect(await row.getByTestId('workspace-status').textContent()).toBe(
    'Not connected · No pending drafts · no activity yet',
  );
  const stored = await api.ownerDb('workspaces').where({ partner_id: nusa.partnerId, external_id: 'crm-42' });
  expect(stored).toHaveLength(1);
  await screenshot(page, 'console-02-workspaces');

  // API keys: the secret is shown once, works, and is gone after "Done".
  await page.getByRole('link', { name: 'API keys' }).click();
  await page.getByRole('heading', { name: 'API keys' }).waitFor();
  await page.getByLabel('Name').fill('CI pipeline');
  await page.getByRole('button', { name: 'Create key' }).click();
  const keyBanner = page.getByTestId('secret-once');
  await keyBanner.waitFor();
  expect(await keyBanner.textContent()).toContain("you won't see it again");
  const newKey = (await page.getByTestId('secret-value').textContent()) ?? '';
  expect(newKey).toMatch(/^lrs_test_[A-Za-z0-9]{40}$/);
  expect((await api.call('GET', '/v1/workspaces', { key: newKey })).status).toBe(200);
  await page.getByTestId('api-key-row').filter({ hasText: 'CI pipeline' }).waitFor();
  await screenshot(page, 'console-03-api-key-secret-once');
  await page.getByRole('button', { name: 'Done' }).click();
  expect(await page.getByTestId('secret-value').count()).toBe(0);
  expect(await page.content()).not.toContain(newKey);
  // Revoking asks first, then the key stops working at once.
  const ciRow = page.getByTestId('api-key-row').filter({ hasText: 'CI pipeline' });
  await ciRow.getByRole('button', { name: 'Revoke' }).click();
  await ciRow.getByText('Anything using it stops working.').waitFor();
  await ciRow.getByRole('button', { name: 'Yes, revoke' }).click();
  await ciRow.getByText('Revoked').waitFor();
  expect((await api.call('GET', '/v1/workspaces', { key: newKey })).status).toBe(401);
  expect(await page.getByTestId('api-key-row').filter({ hasText: 'this console session' }).count()).toBe(1);
  await screenshot(page, 'console-03b-api-key-revoked');

  // Branding: the preview follows the form with the portal's contrast rules, then saves.
  await page.getByRole('link', { name: 'Branding' }).click();
  await page.getByRole('heading', { name: 'Branding' }).waitFor();
  await page.getByLabel('Display name').fill('Nusa Studio');
  await page.getByLabel('Primary colour').fill('#fde047');
  await eventually(() => page.getByTestId('preview-name').textContent()).toBe('Nusa Studio');
  const button = page.getByTestId('preview-button');
  await expect
    .poll(() => button.evaluate((el) => getComputedStyle(el).backgroundColor))
    .toBe('rgb(253, 224, 71)');
  // Yellow is light: text on it is the portal's near-black (DARK_TEXT #111827), as textOn picks.
  expect(textOn('#fde047')).toBe(DARK_TEXT);
  expect(await button.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(17, 24, 39)');
  await page.getByLabel('Primary colour').fill('green');
  await page.getByText('Use a colour like #1a7f5a.').waitFor();
  expect(await page.getByRole('button', { name: 'Save brand' }).isDisabled()).toBe(true);
  await page.getByLabel('Primary colour').fill('#0f766e');
  await screenshot(page, 'console-06-branding-preview');
  await page.getByRole('button', { name: 'Save brand' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  const branding = await api.call<{ display_name: string; primary_color: string }>('GET', '/v1/branding', {
    key: nusa.apiKey,
  });
  expect(branding.body).toMatchObject({ display_name: 'Nusa Studio', primary_color: '#0f766e' });
  // The console wears the saved brand at once too, with no reload.
  await eventually(() => page.getByTestId('brand-name').textContent()).toBe('Nusa Studio');
  expect(await page.title()).toBe('Nusa Studio');
  // "Saved." speaks of what the form holds: the next edit takes it away.
  await page.getByLabel('Primary colour').fill('');
  expect(await page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(0);
  // An emptied colour is previewed in the colour the portal then gets: the platform's default.
  await expect
    .poll(() => button.evaluate((el) => getComputedStyle(el).backgroundColor))
    .toBe('rgb(10, 124, 255)');

  // Sign out: back to the sign-in page, and the cookie no longer works.
  const cookie = (await context.cookies()).find((c) => c.name === 'laras_console');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/console\/login$/);
  await screenshot(page, 'console-07-signed-out');
  const after = await api.call('GET', '/v1/console-sessions/current', {
    headers: { Cookie: `laras_console=${cookie?.value ?? ''}` },
  });
  expect(after.status).toBe(401);
  await context.close();
});

it('goes back to sign-in when the key of the console session is revoked elsewhere', async () => {
  const created = await api.call<{ id: string; secret: string }>('POST', '/v1/api-keys', {
    key: nusa.apiKey,
    body: { name: 'Front desk laptop', mode: 'test' },
  });
  expect(created.status).toBe(201);
  const context = await newContext();
  const page = await context.newPage();
  await page.goto(consoleUrl('/console/login'));
  await page.getByLabel('API key').fill(created.body.secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Workspaces' }).waitFor();

  // Another member of staff revokes the key this console was opened with; the page still shows.
  const revoked = await api.call('POST', `/v1/api-keys/${created.body.id}/revoke`, { key: nusa.apiKey });
  expect(revoked.status).toBe(200);
  // The next call the page makes is refused: the person's own (creating a workspace), or one of the
  // page's reads still under way, which may get there first and leave the form behind.
  const signedOut = page.waitForURL(/\/console\/login$/);
  try {
    await page.getByLabel('Name').fill('Warung Sari', { timeout: 5_000 });
    await page.getByRole('button', { name: 'Create workspace' }).click({ timeout: 5_000 });
  } catch (error) {
    if (!/\/console\/login$/.test(page.url())) throw error;
  }
  await signedOut;
  await page.getByLabel('API key').waitFor();
  expect(await page.getByText('could not be loaded').count()).toBe(0);
  await context.close();
});

/**
 * A delivery whose retries ran out, as the dispatcher records it (no worker runs in this file):
 * the failed delivery of the event and its one attempt, refused by the endpoint.
 */
async function seedFailedDelivery(partnerId: string, endpointId: string, eventId: string): Promise<string> {
  const deliveryId = newId('webhookDelivery');
  await api.ownerDb('webhook_deliveries').insert({
    id: deliveryId,
    partner_id: partnerId,
    endpoint_id: endpointId,
    event_id: eventId,
    event_type: 'workspace.created',
    status: 'failed',
    attempts: 1,
    next_attempt_at: null,
  });
  await api.ownerDb('webhook_attempts').insert({
    id: newId('webhookAttempt'),
    partner_id: partnerId,
    endpoint_id: endpointId,
    delivery_id: deliveryId,
    event_id: eventId,
    event_type: 'workspace.created',
    succeeded: false,
    status_code: null,
    latency_ms: 2,
    error: 'ECONNREFUSED',
    attempted_at: new Date(Date.now() - 60_000),
    next_attempt_at: null,
  });
  return deliveryId;
}

it('adds a webhook endpoint for chosen events, rotates its secret, delivers failed events again, edits and deletes', async () => {
  const partner = await createTestPartner(api.ownerDb, 'Nusa Hooks');
  const branded = await api.call('PATCH', '/v1/branding', {
    key: partner.apiKey,
    body: { display_name: 'Nusa Hooks', portal_hostnames: [HOOKS_HOST] },
  });
  expect(branded.status).toBe(200);
  const context = await newContext();
  const page = await context.newPage();
  await page.goto(`http://${HOOKS_HOST}:${new URL(api.url).port}/console/login`);
  await page.getByLabel('API key').fill(partner.apiKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Workspaces' }).waitFor();

  // An endpoint for two event types (picked from the spec's catalog); its secret is shown once.
  await page.getByRole('link', { name: 'Webhooks' }).click();
  await page.getByRole('heading', { name: 'Add an endpoint' }).waitFor();
  await page.getByLabel('URL').fill('http://127.0.0.1:9/laras-hook');
  await page.getByLabel('Only the events I choose').check();
  expect(await page.getByRole('button', { name: 'Add endpoint' }).isDisabled()).toBe(true);
  await page.getByRole('checkbox', { name: 'message.received', exact: true }).check();
  await page.getByRole('checkbox', { name: 'workspace.created', exact: true }).check();
  await screenshot(page, 'console-webhooks-01-event-filter');
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await page.getByTestId('secret-once').waitFor();
  const firstSecret = (await page.getByTestId('secret-value').textContent()) ?? '';
  expect(firstSecret).toMatch(/^whsec_/);
  const endpoint = page.getByTestId('endpoint-row').filter({ hasText: '127.0.0.1:9/laras-hook' });
  await endpoint.waitFor();
  expect(await endpoint.getByTestId('endpoint-filter').textContent()).toBe(
    'Events: workspace.created, message.received',
  );
  expect(await endpoint.getByTestId('endpoint-status').textContent()).toBe('Active');
  const [stored] = await api
    .ownerDb('webhook_endpoints')
    .where({ partner_id: partner.partnerId })
    .select('id', 'event_types');
  expect(stored?.event_types).toEqual(['workspace.created', 'message.received']);
  await page.getByRole('button', { name: 'Done' }).click();
  expect(await page.getByTestId('secret-value').count()).toBe(0);

  // Rotating asks first; the new secret is shown once, and the old one still signs for 24 hours.
  await endpoint.getByRole('button', { name: 'Rotate secret' }).click();
  await endpoint.getByText('For 24 hours deliveries are signed with both').waitFor();
  await endpoint.getByRole('button', { name: 'Yes, rotate' }).click();
  const rotated = endpoint.getByTestId('secret-once');
  await rotated.waitFor();
  expect(await rotated.textContent()).toContain('The old one keeps working for 24 hours.');
  const secondSecret = (await rotated.getByTestId('secret-value').textContent()) ?? '';
  expect(secondSecret).toMatch(/^whsec_/);
  expect(secondSecret).not.toBe(firstSecret);
  await expect
    .poll(() => endpoint.getByTestId('endpoint-status').textContent())
    .toMatch(/^Active · Previous secret valid until .+/);
  const [afterRotation] = await api
    .ownerDb('webhook_endpoints')
    .where({ id: stored?.id })
    .select('previous_secret_expires_at');
  const overlapMs = new Date(afterRotation?.previous_secret_expires_at).getTime() - Date.now();
  expect(Math.abs(overlapMs - 24 * 3600_000)).toBeLessThan(60_000);
  await screenshot(page, 'console-webhooks-02-secret-rotated');
  await endpoint.getByRole('button', { name: 'Done' }).click();
  expect(await page.getByTestId('secret-value').count()).toBe(0);
  expect(await page.content()).not.toContain(secondSecret);
  await endpoint.getByRole('button', { name: 'Recent attempts' }).click();
  await endpoint.getByText('No delivery attempts yet.').waitFor();
  await endpoint.getByRole('button', { name: 'Hide attempts' }).click();

  // Two workspace.created deliveries failed for good: one is resent from its attempt row, and
  // "recover since" (a day back by default) queues the other, the only one still failed.
  const failed: { eventId: string; deliveryId: string }[] = [];
  for (const name of ['Teh Manis', 'Kopi Susu']) {
    const workspace = await api.call<{ id: string }>('POST', '/v1/workspaces', {
      key: partner.apiKey,
      body: { name },
    });
    expect(workspace.status).toBe(201);
    const event = await api
      .ownerDb('events')
      .where({ partner_id: partner.partnerId, workspace_id: workspace.body.id, type: 'workspace.created' })
      .first('id');
    failed.push({
      eventId: event.id,
      deliveryId: await seedFailedDelivery(partner.partnerId, stored?.id, event.id),
    });
  }
  const resent = failed[0];
  const deliveryIds = failed.map((f) => f.deliveryId);
  const statuses = () =>
    api.ownerDb('webhook_deliveries').whereIn('id', deliveryIds).orderBy('id').pluck('status');
  await endpoint.getByRole('button', { name: 'Recent attempts' }).click();
  // The button's label names the event, so it can be told apart from the other attempt's.
  const resendButton = page.getByRole('button', { name: `Resend workspace.created (${resent?.eventId})` });
  const attempt = endpoint.getByTestId('attempt-row').filter({ has: resendButton });
  await attempt.waitFor();
  expect(await endpoint.getByTestId('attempt-row').count()).toBe(2);
  expect(await attempt.textContent()).toContain('workspace.created · failed (ECONNREFUSED)');
  await resendButton.click();
  await attempt.getByRole('status').filter({ hasText: 'Queued' }).waitFor();
  expect(await statuses()).toEqual(['pending', 'failed']);
  await endpoint.getByRole('button', { name: 'Recover', exact: true }).click();
  await endpoint.getByRole('status').filter({ hasText: '1 failed delivery queued again.' }).waitFor();
  expect(await statuses()).toEqual(['pending', 'pending']);
  await screenshot(page, 'console-webhooks-03-resend-recover');

  // Disabled, it says why, and resending waits until it is enabled again.
  await endpoint.getByRole('button', { name: 'Disable' }).click();
  await expect
    .poll(() => endpoint.getByTestId('endpoint-status').textContent())
    .toMatch(/^Disabled manually/);
  expect(await attempt.getByRole('button', { name: 'Resend' }).isDisabled()).toBe(true);
  await endpoint.getByText('Enable the endpoint to resend an event.').waitFor();
  expect(
    await api.ownerDb('webhook_endpoints').where({ partner_id: partner.partnerId }).select('disabled'),
  ).toEqual([{ disabled: true }]);
  await screenshot(page, 'console-webhooks-04-disabled');

  // Edited in place (the form starts from what is stored): the filter goes back to every event,
  // stored as null, and nothing else changes.
  await endpoint.getByRole('button', { name: 'Edit' }).click();
  const edit = endpoint.getByRole('form', { name: 'Edit the endpoint' });
  expect(await edit.getByLabel('URL').inputValue()).toBe('http://127.0.0.1:9/laras-hook');
  expect(await edit.getByRole('checkbox', { name: 'message.received', exact: true }).isChecked()).toBe(true);
  await edit.getByLabel('All events', { exact: true }).check();
  await screenshot(page, 'console-webhooks-05-edit');
  await edit.getByRole('button', { name: 'Save' }).click();
  await edit.waitFor({ state: 'detached' });
  expect(await endpoint.getByTestId('endpoint-filter').textContent()).toBe('Events: All events');
  expect(
    await api.ownerDb('webhook_endpoints').where({ id: stored?.id }).first('url', 'event_types', 'disabled'),
  ).toEqual({ url: 'http://127.0.0.1:9/laras-hook', event_types: null, disabled: true });

  // A second endpoint is deleted only after a confirmation; its row goes from the page and the DB.
  await page.getByLabel('URL').fill('http://127.0.0.1:9/second-hook');
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  const second = page.getByTestId('endpoint-row').filter({ hasText: '127.0.0.1:9/second-hook' });
  await second.getByRole('button', { name: 'Delete' }).click();
  await second.getByText('Nothing more is delivered to it, and its delivery history is removed.').waitFor();
  await screenshot(page, 'console-webhooks-06-delete');
  await second.getByRole('button', { name: 'Yes, delete' }).click();
  await second.waitFor({ state: 'detached' });
  expect(await page.getByTestId('endpoint-row').count()).toBe(1);
  expect(await api.ownerDb('webhook_endpoints').where({ partner_id: partner.partnerId }).pluck('id')).toEqual(
    [stored?.id],
  );
  await context.close();
}, 60_000);

it('opens the Svix App Portal instead of the endpoints editor when Svix is configured', async () => {
  const partner = await createTestPartner(svixApi.ownerDb, 'Nusa Svix');
  const branded = await svixApi.call('PATCH', '/v1/branding', {
    key: partner.apiKey,
    body: { display_name: 'Nusa Svix', portal_hostnames: [SVIX_HOST] },
  });
  expect(branded.status).toBe(200);
  const context = await newContext();
  const page = await context.newPage();
  await page.goto(`http://${SVIX_HOST}:${new URL(svixApi.url).port}/console/login`);
  await page.getByLabel('API key').fill(partner.apiKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Workspaces' }).waitFor();
  await page.getByRole('link', { name: 'Webhooks' }).click();
  await page.getByRole('button', { name: 'Open the webhook portal' }).click();
  const link = page.getByTestId('svix-link');
  await link.waitFor();
  expect(await link.getAttribute('href')).toMatch(
    new RegExp(`^${standIn.url}/app-portal/${partner.partnerId}#key=`),
  );
  expect(await page.getByRole('heading', { name: 'Add an endpoint' }).count()).toBe(0);
  await screenshot(page, 'console-08-svix-portal');

  // Revoking the key this session uses signs the console out.
  await page.getByRole('link', { name: 'API keys' }).click();
  const own = page.getByTestId('api-key-row').filter({ hasText: 'this console session' });
  await own.getByRole('button', { name: 'Revoke' }).click();
  await own.getByText('This signs you out of the console').waitFor();
  await own.getByRole('button', { name: 'Yes, revoke' }).click();
  await page.waitForURL(/\/console\/login$/);
  await page.getByRole('heading', { name: 'Nusa Svix console' }).waitFor();
  await screenshot(page, 'console-09-own-key-revoked');
  await context.close();
});

/** Signs in with `apiKey` on the API's own address, which no partner claimed (its brand is the default). */
async function openConsole(context: BrowserContext, apiKey: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${api.url}/console/login`);
  await page.getByLabel('API key').fill(apiKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Workspaces' }).waitFor();
  return page;
}

/** "01", "02"…: names that sort and never contain one another. */
function nn(i: number): string {
  return String(i).padStart(2, '0');
}

it('shows every workspace with "Load more", reading the status of each row once', async () => {
  const partner = await createTestPartner(api.ownerDb, 'Nusa Many Clients');
  const total = PAGE_SIZE.workspaces + 2;
  for (let i = 1; i <= total; i++) {
    const created = await api.call('POST', '/v1/workspaces', {
      key: partner.apiKey,
      body: { name: `Client ${nn(i)}` },
    });
    expect(created.status).toBe(201);
  }
  const context = await newContext();
  // How often each workspace's status was read (its connections are one of the three calls).
  const statusReads = new Map<string, number>();
  context.on('request', (request) => {
    const id = /^\/v1\/workspaces\/(ws_[^/]+)\/connections$/.exec(new URL(request.url()).pathname)?.[1];
    if (id) statusReads.set(id, (statusReads.get(id) ?? 0) + 1);
  });
  const page = await openConsole(context, partner.apiKey);

  // The first page, newest first, says there are more without claiming a total.
  const rows = page.getByTestId('workspace-row');
  const statuses = page.getByTestId('workspace-status');
  await eventually(() => statuses.count()).toBe(PAGE_SIZE.workspaces);
  expect(await rows.count()).toBe(PAGE_SIZE.workspaces);
  expect(await rows.filter({ hasText: 'Client 01' }).count()).toBe(0);
  const footer = page.getByTestId('load-more');
  expect(await footer.getByRole('status').textContent()).toBe(
    `Showing ${PAGE_SIZE.workspaces} workspaces; there are more.`,
  );
  const shownFirst = [...statusReads.keys()];
  expect(shownFirst).toHaveLength(PAGE_SIZE.workspaces);
  expect(new Set(statusReads.values())).toEqual(new Set([1]));
  await screenshot(page, 'console-lists-01-workspaces-first-page');

  // A further page that fails says why beside the button, which becomes "Try again"; rows stay.
  const nextPage = /\/v1\/workspaces\?[^#]*cursor=/;
  await page.route(nextPage, (route) =>
    route.fulfill({
      status: 400,
      contentType: 'application/json',
      body: JSON.stringify({
        error: { code: 'invalid_request', message: 'That cursor is not valid.', request_id: 'req_test' },
      }),
    }),
  );
  const loadMore = footer.getByRole('button', { name: 'Load more workspaces' });
  await loadMore.focus();
  await page.keyboard.press('Enter');
  await footer.getByRole('alert').filter({ hasText: 'More workspaces could not be loaded.' }).waitFor();
  expect(await footer.getByRole('alert').textContent()).toContain('That cursor is not valid.');
  expect(await rows.count()).toBe(PAGE_SIZE.workspaces);
  await screenshot(page, 'console-lists-02-workspaces-page-failed');

  // Tried again from the keyboard: busy (and saying so) while the page is on its way, then the rest.
  await page.unroute(nextPage);
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(nextPage, async (route) => {
    await held;
    await route.continue();
  });
  const retry = footer.getByRole('button', { name: 'Try again' });
  await retry.focus();
  await page.keyboard.press('Enter');
  const loading = footer.getByRole('button', { name: 'Loading more workspaces…' });
  await loading.waitFor();
  expect(await loading.getAttribute('aria-disabled')).toBe('true');
  release();
  await eventually(() => statuses.count()).toBe(total);
  await rows.filter({ hasText: 'Client 01' }).waitFor();
  await footer
    .getByRole('status')
    .filter({ hasText: `Showing all ${total} workspaces.` })
    .waitFor();
  expect(await footer.getByRole('button').count()).toBe(0);
  expect(await footer.getByRole('alert').count()).toBe(0);
  // The focus stays at the foot of the list rather than going back to the top of the page.
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
    `Showing all ${total} workspaces.`,
  );
  // The rows already shown were not read again: each workspace's status was read once.
  expect(statusReads.size).toBe(total);
  expect(new Set(statusReads.values())).toEqual(new Set([1]));
  await screenshot(page, 'console-lists-03-workspaces-all');

  // A new workspace refreshes the list, every page of it, and re-reads no one else's status.
  await page.getByLabel('Name').fill('Client New');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await rows.filter({ hasText: 'Client New' }).getByTestId('workspace-status').waitFor();
  expect(await rows.count()).toBe(total + 1);
  expect(await footer.getByRole('status').textContent()).toBe(`Showing all ${total + 1} workspaces.`);
  for (const id of shownFirst) expect(statusReads.get(id)).toBe(1);
  await context.close();
}, 60_000);

it('shows every API key with "Load more", and refreshes every page after a change', async () => {
  const partner = await createTestPartner(api.ownerDb, 'Nusa Many Keys');
  // With the partner's own key, two more than a page: the oldest, its own and "Key 01", come second.
  for (let i = 1; i <= PAGE_SIZE.apiKeys + 1; i++) {
    const created = await api.call('POST', '/v1/api-keys', {
      key: partner.apiKey,
      body: { name: `Key ${nn(i)}`, mode: 'test' },
    });
    expect(created.status).toBe(201);
  }
  const context = await newContext();
  const page = await openConsole(context, partner.apiKey);
  await page.getByRole('link', { name: 'API keys' }).click();
  const rows = page.getByTestId('api-key-row');
  await eventually(() => rows.count()).toBe(PAGE_SIZE.apiKeys);
  expect(await rows.filter({ hasText: 'Key 01' }).count()).toBe(0);
  const footer = page.getByTestId('load-more');
  expect(await footer.getByRole('status').textContent()).toBe(
    `Showing ${PAGE_SIZE.apiKeys} API keys; there are more.`,
  );
  await footer.getByRole('button', { name: 'Load more API keys' }).click();
  await eventually(() => rows.count()).toBe(PAGE_SIZE.apiKeys + 2);
  expect(await footer.getByRole('status').textContent()).toBe(
    `Showing all ${PAGE_SIZE.apiKeys + 2} API keys.`,
  );
  expect(await rows.filter({ hasText: 'this console session' }).count()).toBe(1);
  await screenshot(page, 'console-lists-04-api-keys-all');

  // Revoking a key of the second page shows it revoked there; a new key joins the top.
  const oldest = rows.filter({ hasText: 'Key 01' });
  await oldest.getByRole('button', { name: 'Revoke' }).click();
  await oldest.getByRole('button', { name: 'Yes, revoke' }).click();
  await oldest.getByText('Revoked').waitFor();
  expect(await rows.count()).toBe(PAGE_SIZE.apiKeys + 2);
  await page.getByLabel('Name').fill('Key New');
  await page.getByRole('button', { name: 'Create key' }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  await rows.filter({ hasText: 'Key New' }).waitFor();
  await eventually(() => rows.count()).toBe(PAGE_SIZE.apiKeys + 3);
  expect(await oldest.textContent()).toContain('Revoked');
  await context.close();
}, 60_000);

/** `count` failed attempts to deliver one event, as a delivery retried that often leaves them. */
async function seedAttempts(partnerId: string, endpointId: string, eventId: string, count: number) {
  const deliveryId = await seedFailedDelivery(partnerId, endpointId, eventId);
  for (let i = 2; i <= count; i++) {
    await api.ownerDb('webhook_attempts').insert({
      id: newId('webhookAttempt'),
      partner_id: partnerId,
      endpoint_id: endpointId,
      delivery_id: deliveryId,
      event_id: eventId,
      event_type: 'workspace.created',
      succeeded: false,
      status_code: 500 + i,
      latency_ms: 2,
      error: null,
      attempted_at: new Date(Date.now() - 60_000 + i * 1000),
      next_attempt_at: null,
    });
  }
}

it('shows every webhook endpoint and attempt with "Load more", and refreshes every page after a change', async () => {
  const partner = await createTestPartner(api.ownerDb, 'Nusa Many Hooks');
  const ids: string[] = [];
  for (let i = 1; i <= PAGE_SIZE.endpoints + 1; i++) {
    const created = await api.call<{ id: string }>('POST', '/v1/webhook-endpoints', {
      key: partner.apiKey,
      body: { url: `http://127.0.0.1:9/hook-${nn(i)}` },
    });
    expect(created.status).toBe(201);
    ids.push(created.body.id);
  }
  // The newest endpoint has more attempts than a page: the first ("failed (ECONNREFUSED)") is oldest.
  const workspace = await api.call<{ id: string }>('POST', '/v1/workspaces', {
    key: partner.apiKey,
    body: { name: 'Hooked' },
  });
  const event = await api
    .ownerDb('events')
    .where({ partner_id: partner.partnerId, workspace_id: workspace.body.id, type: 'workspace.created' })
    .first('id');
  await seedAttempts(partner.partnerId, ids.at(-1) ?? '', event.id, PAGE_SIZE.attempts + 1);

  const context = await newContext();
  const page = await openConsole(context, partner.apiKey);
  await page.getByRole('link', { name: 'Webhooks' }).click();
  const rows = page.getByTestId('endpoint-row');
  await eventually(() => rows.count()).toBe(PAGE_SIZE.endpoints);
  expect(await rows.filter({ hasText: 'hook-01' }).count()).toBe(0);
  const footer = page.getByTestId('load-more');
  expect(await footer.getByRole('status').textContent()).toBe(
    `Showing ${PAGE_SIZE.endpoints} endpoints; there are more.`,
  );
  await footer.getByRole('button', { name: 'Load more endpoints' }).click();
  await eventually(() => rows.count()).toBe(PAGE_SIZE.endpoints + 1);
  await rows.filter({ hasText: 'hook-01' }).waitFor();
  await screenshot(page, 'console-lists-05-endpoints-all');

  // The attempts of one endpoint page the same way, inside its row.
  const newest = rows.filter({ hasText: `hook-${nn(PAGE_SIZE.endpoints + 1)}` });
  await newest.getByRole('button', { name: 'Recent attempts' }).click();
  const attempts = newest.getByTestId('attempt-row');
  await eventually(() => attempts.count()).toBe(PAGE_SIZE.attempts);
  expect(await attempts.filter({ hasText: 'ECONNREFUSED' }).count()).toBe(0);
  await newest.getByRole('button', { name: 'Load more attempts' }).click();
  await attempts.filter({ hasText: 'failed (ECONNREFUSED)' }).waitFor();
  expect(await attempts.count()).toBe(PAGE_SIZE.attempts + 1);
  expect(await newest.getByTestId('load-more').getByRole('status').textContent()).toBe(
    `Showing all ${PAGE_SIZE.attempts + 1} attempts.`,
  );
  await screenshot(page, 'console-lists-06-attempts-all');
  await newest.getByRole('button', { name: 'Hide attempts' }).click();

  // Adding one and deleting one of the second page both read every page again.
  await page.getByLabel('URL').fill('http://127.0.0.1:9/hook-new');
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  await rows.filter({ hasText: 'hook-new' }).waitFor();
  await eventually(() => rows.count()).toBe(PAGE_SIZE.endpoints + 2);
  const oldest = rows.filter({ hasText: 'hook-01' });
  await oldest.getByRole('button', { name: 'Delete' }).click();
  await oldest.getByRole('button', { name: 'Yes, delete' }).click();
  await oldest.waitFor({ state: 'detached' });
  expect(await rows.count()).toBe(PAGE_SIZE.endpoints + 1);
  expect(await page.getByTestId('load-more').getByRole('status').textContent()).toBe(
    `Showing all ${PAGE_SIZE.endpoints + 1} endpoints.`,
  );
  await context.close();
}, 60_000);
