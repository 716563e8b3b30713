/**
 * The partner console end to end in a real browser: the built portal served by the real platform
 * (real PostgreSQL and Redis). Partner staff sign in on the partner's hostname with an API key
 * (a wrong key first), create a workspace, an API key and a webhook endpoint (each secret shown
 * once), revoke that key, edit the brand with a live preview, and sign out; with Svix configured
 * the Webhooks page opens the Svix App Portal instead. Each step leaves a screenshot in
 * test-results/screenshots.
 */
import { existsSync } from 'node:fs';
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
import { DARK_TEXT, textOn } from '../src/theme/contrast.ts';

const PORTAL_DIST = new URL('../dist/index.html', import.meta.url);
const NUSA_HOST = 'nusa.laras.test';
const SVIX_HOST = 'svix-nusa.laras.test';

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
  browser = await launchBrowser({ loopbackHosts: [NUSA_HOST, SVIX_HOST] });
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

it('signs partner staff in with an API key and manages workspaces, keys, webhooks and the brand', async () => {
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

  // Webhooks: the signing secret is shown once; the endpoint can be disabled.
  await page.getByRole('link', { name: 'Webhooks' }).click();
  await page.getByRole('heading', { name: 'Add an endpoint' }).waitFor();
  await page.getByLabel('URL').fill('http://127.0.0.1:9/laras-hook');
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await page.getByTestId('secret-once').waitFor();
  expect(await page.getByTestId('secret-value').textContent()).toMatch(/^whsec_/);
  const endpoint = page.getByTestId('endpoint-row').filter({ hasText: '127.0.0.1:9/laras-hook' });
  await endpoint.waitFor();
  await screenshot(page, 'console-04-webhook-secret-once');
  await endpoint.getByRole('button', { name: 'Disable' }).click();
  await endpoint.getByText('Disabled').waitFor();
  await endpoint.getByRole('button', { name: 'Recent attempts' }).click();
  await endpoint.getByText('No delivery attempts yet.').waitFor();
  const rows = await api
    .ownerDb('webhook_endpoints')
    .where({ partner_id: nusa.partnerId })
    .select('disabled');
  expect(rows).toEqual([{ disabled: true }]);
  await screenshot(page, 'console-05-webhook-disabled');

  // Branding: the preview follows the form with the portal's contrast rules, then saves.
  await page.getByRole('link', { name: 'Branding' }).click();
  await page.getByRole('heading', { name: 'Branding' }).waitFor();
  await page.getByLabel('Display name').fill('Nusa Studio');
  await page.getByLabel('Primary colour').fill('#fde047');
  await expect.poll(() => page.getByTestId('preview-name').textContent()).toBe('Nusa Studio');
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
