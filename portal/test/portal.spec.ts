/**
 * The portal end to end in a real browser: the built portal served by the real platform (real
 * PostgreSQL and Redis), Meta played by the local sandbox. A workspace owner signs in on the
 * partner's hostname, connects WhatsApp through the Embedded Signup popup (cancelling once),
 * connects Instagram, disconnects both and signs out; two partners' hostnames show two brands.
 * Each step leaves a screenshot in test-results/screenshots.
 */
import { existsSync } from 'node:fs';
import { createLogger } from '@laras/core';
import { storeConnection } from '@laras/core/connections';
import { parseKeyRing } from '@laras/core/vault';
import { startMetaSandbox } from '@laras/meta-sandbox';
import {
  createTestPartner,
  launchBrowser,
  screenshot,
  startTestApi,
  type TestApi,
  type TestPartner,
} from '@laras/testkit';
import { type RunningWorkers, startWorkers } from '@laras/workers';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const PORTAL_DIST = new URL('../dist/index.html', import.meta.url);
const ACME_HOST = 'acme.laras.test';
const GLOBEX_HOST = 'globex.laras.test';
const PASSWORD = 'correct horse battery staple';

type Sandbox = Awaited<ReturnType<typeof startMetaSandbox>>;

let sandbox: Sandbox;
let api: TestApi;
let browser: Browser;
let workers: RunningWorkers;
let acme: TestPartner;
let workspaceId: string;
let ownerEmail: string;
const pageErrors: string[] = [];

function portalUrl(host: string, path: string): string {
  return `http://${host}:${new URL(api.url).port}${path}`;
}

async function json<T>(promise: Promise<{ status: number; body: T }>, status: number): Promise<T> {
  const res = await promise;
  expect(res.status).toBe(status);
  return res.body;
}

beforeAll(async () => {
  if (!existsSync(PORTAL_DIST)) {
    throw new Error('portal/dist is missing: run `npm run build -w @laras/portal` (npm test does it).');
  }
  sandbox = await startMetaSandbox({ port: 0 });
  api = await startTestApi(sandbox.env, { ownServices: true });
  browser = await launchBrowser({ loopbackHosts: [ACME_HOST, GLOBEX_HOST] });
  sandbox.customer.setWebhooks({
    whatsappUrl: `${api.url}/api/webhooks/wa`,
    instagramUrl: `${api.url}/api/webhooks/instagram`,
  });
  workers = await startWorkers(api.config, createLogger({ level: 'silent' }));

  acme = await createTestPartner(api.ownerDb, 'Acme Agency');
  await json(
    api.call('PATCH', '/v1/branding', {
      key: acme.apiKey,
      body: { display_name: 'Acme Agency', primary_color: '#7c3aed', portal_hostnames: [ACME_HOST] },
    }),
    200,
  );
  const globex = await createTestPartner(api.ownerDb, 'Globex Partners');
  await json(
    api.call('PATCH', '/v1/branding', {
      key: globex.apiKey,
      body: { display_name: 'Globex Partners', primary_color: '#fde047', portal_hostnames: [GLOBEX_HOST] },
    }),
    200,
  );
  const workspace = await json(
    api.call<{ id: string }>('POST', '/v1/workspaces', { key: acme.apiKey, body: { name: 'Kopi Kita' } }),
    201,
  );
  workspaceId = workspace.id;
  ownerEmail = `owner-${workspaceId.slice(-6).toLowerCase()}@kopikita.example`;
  await json(
    api.call('POST', `/v1/workspaces/${workspaceId}/users`, {
      key: acme.apiKey,
      body: { email: ownerEmail, name: 'Sari', role: 'owner', password: PASSWORD },
    }),
    201,
  );
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await workers?.close();
  await api?.close();
  await sandbox?.close();
});

async function activeConnections(): Promise<Array<{ channel: string; token_ciphertext: unknown }>> {
  return api
    .ownerDb('connections')
    .where({ workspace_id: workspaceId, status: 'active' })
    .select('channel', 'token_ciphertext');
}

async function signIn(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(portalUrl(ACME_HOST, '/settings/integrations'));
  await page.waitForURL(/\/login\?next=/);
  await page.getByLabel('Email').fill(ownerEmail);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Integrations' }).waitFor();
  return page;
}

// A browser test waits on real pages; give each room on a busy 2-core CI machine.
describe('portal in a browser', { timeout: 90_000 }, () => {
  it('shows each partner its own brand, chosen by hostname', async () => {
    const context = await newContext();
    const page = await context.newPage();
    for (const [host, name, colour] of [
      [ACME_HOST, 'Acme Agency', '#7c3aed'],
      [GLOBEX_HOST, 'Globex Partners', '#fde047'],
    ] as const) {
      await page.goto(portalUrl(host, '/login'));
      await page.getByRole('heading', { name: `Sign in to ${name}` }).waitFor();
      expect(await page.title()).toBe(name);
      const primary = await page.evaluate(() =>
        document.documentElement.style.getPropertyValue('--brand-primary'),
      );
      expect(primary).toBe(colour);
      expect(await page.content()).not.toContain('Laras');
      await screenshot(page, `branding-${host}`);
    }
    // A pale brand colour still gets readable button text.
    const buttonText = await page
      .getByRole('button', { name: 'Sign in' })
      .evaluate((el) => getComputedStyle(el).color);
    expect(buttonText).toBe('rgb(17, 24, 39)');
    await context.close();
  });

  it('refuses a wrong password with a generic message', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(portalUrl(ACME_HOST, '/login'));
    await page.getByLabel('Email').fill(ownerEmail);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectAlert(page, 'Email or password is incorrect.');
    await screenshot(page, 'login-wrong-password');
    await context.close();
  });

  it('lets a new user choose a password from a set-password link, once', async () => {
    const email = `agent-${Date.now()}@kopikita.example`;
    const user = await json(
      api.call<{ id: string }>('POST', `/v1/workspaces/${workspaceId}/users`, {
        key: acme.apiKey,
        body: { email, name: 'Budi', role: 'agent' },
      }),
      201,
    );
    const link = await json(
      api.call<{ url: string }>('POST', `/v1/workspaces/${workspaceId}/users/${user.id}/sign-in-links`, {
        key: acme.apiKey,
        body: {},
      }),
      201,
    );
    // The link is on the partner's own hostname, so the client sees the partner's brand.
    expect(new URL(link.url).hostname).toBe(ACME_HOST);

    const context = await newContext();
    const page = await context.newPage();
    await page.goto(link.url);
    await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await page.getByLabel('New password').fill('a fresh long password');
    await page.getByLabel('Repeat it').fill('a different long password');
    await page.getByRole('button', { name: 'Save and sign in' }).click();
    await expectAlert(page, 'The two passwords differ.');
    await page.getByLabel('Repeat it').fill('a fresh long password');
    await page.getByRole('button', { name: 'Save and sign in' }).click();
    await page.getByRole('heading', { name: 'Integrations' }).waitFor();
    // An agent sees the tiles but cannot connect or disconnect.
    await page.getByText('Only the workspace owner can connect or disconnect accounts.').first().waitFor();
    expect(await page.getByRole('button', { name: 'Connect WhatsApp via Meta' }).count()).toBe(0);
    await screenshot(page, 'set-password-agent-signed-in');

    // The link was single-use.
    const reuse = await context.newPage();
    await reuse.goto(link.url);
    await expectAlert(reuse, 'Go to sign-in');
    await context.close();
  });

  it('goes back to sign-in when the session ends in another tab, and then to the same page', async () => {
    const context = await newContext();
    const page = await signIn(context);
    await page.goto(portalUrl(ACME_HOST, '/inbox'));
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();

    // Signing out in a second tab ends the session the first one keeps polling with.
    const other = await context.newPage();
    await other.goto(portalUrl(ACME_HOST, '/settings/integrations'));
    await other.getByRole('button', { name: 'Sign out' }).click();
    await other.waitForURL(/\/login/);

    // No reload and no click: the inbox's next poll is refused, and the page goes to sign-in.
    await page.waitForURL(/\/login\?next=%2Finbox$/);
    await screenshot(page, 'session-ended-elsewhere');
    expect(await page.getByText('could not be loaded').count()).toBe(0);
    await page.getByLabel('Email').fill(ownerEmail);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    await context.close();
  });

  it('shows a customer message in the inbox within seconds, without a reload', async () => {
    // A number of this workspace, connected directly: the connect flow has its own test below.
    const business = sandbox.state.addBusiness({ name: 'Kopi Kita Inbox' });
    const phone = business.phoneNumbers[0];
    if (!phone) throw new Error('the sandbox business has no number');
    const connection = await storeConnection(
      { db: api.appDb, vault: parseKeyRing(api.config.encryptionKeys) },
      { partnerId: acme.partnerId, workspaceId },
      {
        channel: 'whatsapp',
        wabaId: business.wabaId,
        phoneNumberId: phone.id,
        displayPhoneNumber: phone.displayPhoneNumber,
        verifiedName: phone.verifiedName,
        token: 'EAAS-inbox-test-token',
        tokenExpiresAt: null,
      },
    );

    const context = await newContext();
    const page = await signIn(context);
    await page.getByRole('link', { name: 'Inbox' }).click();
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    await screenshot(page, 'inbox-01-before');

    const sent = await sandbox.customer.sendWhatsAppText({
      phoneNumberId: phone.id,
      from: { waId: '6281298765432', name: 'Dewi' },
      text: 'Halo, is the V60 back in stock?',
    });
    expect(sent.ok).toBe(true);
    // No reload: the list refreshes itself.
    const row = page.getByTestId('conversation-row').filter({ hasText: 'Dewi' });
    await row.waitFor();
    expect(await row.textContent()).toContain('WhatsApp');
    expect(await row.textContent()).toMatch(/(23|24) h left to reply/);
    await row.click();
    await page.getByTestId('message').filter({ hasText: 'Halo, is the V60 back in stock?' }).waitFor();
    await screenshot(page, 'inbox-02-message-arrived');

    // A second message lands in the open thread on its own.
    await sandbox.customer.sendWhatsAppText({
      phoneNumberId: phone.id,
      from: { waId: '6281298765432', name: 'Dewi' },
      text: 'And do you ship to Surabaya?',
    });
    await page.getByTestId('message').filter({ hasText: 'And do you ship to Surabaya?' }).waitFor();
    expect(await page.getByTestId('message').count()).toBe(2);
    await screenshot(page, 'inbox-03-thread-updated');

    // The customer asks to have their data erased: the owner does it, after confirming.
    await page.getByRole('button', { name: 'Erase customer data' }).click();
    await page.getByText('This cannot be undone.').waitFor();
    await screenshot(page, 'inbox-04-confirm-erase');
    await page.getByRole('button', { name: 'Yes, erase' }).click();
    await page.getByTestId('customer-erased').waitFor();
    await page.getByRole('heading', { name: 'Erased customer' }).waitFor();
    expect(await page.getByTestId('message').allTextContents()).toEqual([
      expect.stringContaining('[erased]'),
      expect.stringContaining('[erased]'),
    ]);
    expect(await page.getByTestId('conversation-row').filter({ hasText: 'Dewi' }).count()).toBe(0);
    await screenshot(page, 'inbox-05-erased');

    await api.call('DELETE', `/v1/workspaces/${workspaceId}/connections/${connection.id}`, {
      key: acme.apiKey,
    });
    await context.close();
  });

  it('connects WhatsApp and Instagram, disconnects both and signs out', async () => {
    // Accounts of this test's own, so no other test's connections collide with them.
    const business = sandbox.state.addBusiness({ name: 'Kopi Kita', wabaName: 'Kopi Kita WABA' });
    const phone = business.phoneNumbers[0];
    if (!phone) throw new Error('the sandbox business has no number');
    const instagram = sandbox.state.addInstagramAccount({ username: `kopikita.${Date.now() % 100_000}` });
    const choose = async (popup: Page) => {
      await popup.getByLabel('Business', { exact: true }).selectOption(business.businessId);
      await popup.getByLabel('WhatsApp Business Account').selectOption(business.wabaId);
      await popup.getByLabel('Phone number').selectOption(phone.id);
    };

    const context = await newContext();
    const page = await signIn(context);
    await screenshot(page, 'flow-01-integrations-empty');

    // WhatsApp: the tile opens a connect link; the first launch is cancelled in Meta's popup.
    await page.getByRole('button', { name: 'Connect WhatsApp via Meta' }).click();
    await page.getByRole('heading', { name: 'Connect WhatsApp' }).waitFor();
    const launch = page.getByRole('button', { name: 'Connect WhatsApp via Meta' });
    await launch.waitFor({ state: 'visible' });
    await expectEnabled(launch);
    const cancelled = await openSignupPopup(page);
    await screenshot(cancelled, 'flow-02-signup-popup');
    await cancelled.getByRole('button', { name: 'Cancel' }).click();
    await expectStatus(page, 'Signup was cancelled before it finished.');
    await screenshot(page, 'flow-03-signup-cancelled');
    expect(await activeConnections()).toEqual([]);

    // The second launch fails on Meta's side (an ERROR event): the page says so, nothing is stored.
    await expectEnabled(launch);
    sandbox.faults.inject({ operation: 'es.finish', kind: 'server_error' });
    const failing = await openSignupPopup(page);
    await choose(failing);
    await failing.getByRole('button', { name: 'Finish' }).click();
    await expectStatus(page, 'Meta reported an error: An unexpected error occurred. Please try again later.');
    await screenshot(page, 'flow-03b-signup-error');
    expect(await activeConnections()).toEqual([]);

    // The third launch finishes.
    await expectEnabled(launch);
    const popup = await openSignupPopup(page);
    await choose(popup);
    await popup.getByRole('button', { name: 'Finish' }).click();
    await page.waitForURL(/\/settings\/integrations\?channel=whatsapp&status=connected/);
    const number = page.getByTestId('whatsapp-account');
    await number.waitFor();
    expect(await number.textContent()).toBe(`Connected: ${phone.displayPhoneNumber} (${phone.verifiedName})`);
    await screenshot(page, 'flow-04-whatsapp-connected');

    // Instagram: the consent page of the sandbox, then back to the tile.
    await page.getByTestId('tile-instagram').getByRole('button', { name: 'Connect' }).click();
    await page.getByLabel('Instagram account').selectOption(instagram.userId);
    await screenshot(page, 'flow-05-instagram-consent');
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(/\/settings\/integrations\?channel=instagram&status=connected/);
    const account = page.getByTestId('instagram-account');
    await account.waitFor();
    expect(await account.textContent()).toBe(`Connected: @${instagram.username}`);
    await screenshot(page, 'flow-06-instagram-connected');

    const connected = await activeConnections();
    expect(connected.map((c) => c.channel).sort()).toEqual(['instagram', 'whatsapp']);
    expect(connected.every((c) => c.token_ciphertext !== null)).toBe(true);

    // Disconnect both, each after confirming.
    for (const channel of ['whatsapp', 'instagram'] as const) {
      const tile = page.getByTestId(`tile-${channel}`);
      await tile.getByRole('button', { name: 'Disconnect' }).click();
      // The question takes the focus (on its safe answer), instead of dropping it to the page.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent?.trim()))
        .toBe('Keep connected');
      await screenshot(page, `flow-07-confirm-disconnect-${channel}`);
      await tile.getByRole('button', { name: 'Yes, disconnect' }).click();
      await tile.getByTestId(`${channel}-account`).waitFor({ state: 'detached' });
      // The banner says what happened, instead of the "connected" it showed after connecting.
      const banner = page.locator('.banner');
      await banner.filter({ hasText: 'was disconnected. Replies have stopped' }).waitFor();
      expect(await banner.textContent()).not.toContain('is connected');
    }
    await screenshot(page, 'flow-08-disconnected');
    expect(await activeConnections()).toEqual([]);
    const cleared = await api
      .ownerDb('connections')
      .where({ workspace_id: workspaceId })
      .select('token_ciphertext');
    expect(cleared.every((c) => c.token_ciphertext === null)).toBe(true);

    // Sign out: the cookie no longer opens the workspace.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    const status = await page.evaluate(async () => (await fetch('/v1/session')).status);
    expect(status).toBe(401);
    await screenshot(page, 'flow-09-signed-out');
    await context.close();
  });
});

/** A fresh browser profile whose waits fail with a clear error well before the test's timeout. */
async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext();
  context.setDefaultTimeout(15_000);
  // An uncaught error in a page fails the test that caused it.
  context.on('weberror', (error) => pageErrors.push(error.error().message));
  return context;
}

async function openSignupPopup(page: Page): Promise<Page> {
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('button', { name: 'Connect WhatsApp via Meta' }).click(),
  ]);
  await popup.waitForLoadState();
  return popup;
}

async function expectEnabled(locator: ReturnType<Page['getByRole']>): Promise<void> {
  await locator
    .page()
    .waitForFunction((el) => el instanceof HTMLButtonElement && !el.disabled, await locator.elementHandle());
}

async function expectStatus(page: Page, text: string): Promise<void> {
  await page.getByRole('status').filter({ hasText: text }).waitFor();
}

async function expectAlert(page: Page, text: string): Promise<void> {
  await page
    .getByRole('alert')
    .filter({ hasText: text })
    .waitFor()
    .catch(async (error) => {
      throw new Error(`${error.message}\nPage text: ${await page.locator('body').textContent()}`);
    });
}
