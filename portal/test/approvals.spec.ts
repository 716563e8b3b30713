/**
 * The approval queue and the settings editors in a real browser, against the real platform and
 * workers, with Meta played by the local sandbox. A customer writes on WhatsApp, the workers draft
 * a reply that waits (automatic sending is off), and a workspace owner approves it (edited) or
 * rejects it from /approvals without reloading; the approved reply reaches the customer and the
 * inbox shows it delivered. The business context and review rules editors save what the owner
 * types, and turning on automatic sending makes the next reply go out without a click.
 * Each test has a workspace of its own; nothing sleeps: the waits are on the page or on rows.
 */
import { existsSync } from 'node:fs';
import { createLogger } from '@laras/core';
import { parseKeyRing } from '@laras/core/vault';
import { type MetaSandbox, startMetaSandbox } from '@laras/meta-sandbox';
import type { components } from '@laras/sdk';
import {
  connectSandboxAccount,
  createTestPartner,
  launchBrowser,
  screenshot,
  startTestApi,
  type TestApi,
  type TestPartner,
} from '@laras/testkit';
import { type RunningWorkers, startWorkers } from '@laras/workers';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

const PORTAL_DIST = new URL('../dist/index.html', import.meta.url);
const HOST = 'kopi.laras.test';
const PASSWORD = 'correct horse battery staple';
const QUESTION = 'How much is the Gayo?';

type Draft = components['schemas']['Draft'];

let sandbox: MetaSandbox;
let api: TestApi;
let browser: Browser;
let workers: RunningWorkers;
let partner: TestPartner;
let customers = 0;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(PORTAL_DIST)) {
    throw new Error('portal/dist is missing: run `npm run build -w @laras/portal` (npm test does it).');
  }
  sandbox = await startMetaSandbox({ port: 0 });
  api = await startTestApi(sandbox.env, { ownServices: true });
  browser = await launchBrowser({ loopbackHosts: [HOST] });
  sandbox.customer.setWebhooks({
    whatsappUrl: `${api.url}/api/webhooks/wa`,
    instagramUrl: `${api.url}/api/webhooks/instagram`,
  });
  workers = await startWorkers(api.config, createLogger({ level: 'silent' }));
  partner = await createTestPartner(api.ownerDb, 'Kopi Partners');
  const branded = await api.call('PATCH', '/v1/branding', {
    key: partner.apiKey,
    body: { display_name: 'Kopi Partners', primary_color: '#0f766e', portal_hostnames: [HOST] },
  });
  expect(branded.status).toBe(200);
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

function portalUrl(path: string): string {
  return `http://${HOST}:${new URL(api.url).port}${path}`;
}

/**
 * A coffee shop of its own: a workspace with a catalog, review rules (automatic sending off), a
 * connected sandbox WhatsApp number, an owner with a password and a fresh customer number.
 */
async function coffeeShop() {
  const call = async <T>(method: string, path: string, body?: unknown, status = 200): Promise<T> => {
    const res = await api.call<T>(method, path, { key: partner.apiKey, body });
    expect(res.status, `${method} ${path}`).toBe(status);
    return res.body;
  };
  const ws = await call<{ id: string }>('POST', '/v1/workspaces', { name: 'Kopi Kita' }, 201);
  const base = `/v1/workspaces/${ws.id}`;
  await call('PUT', `${base}/business-context`, {
    business: { name: 'Kopi Kita', description: 'Coffee roastery.', tone: 'warm', languages: ['en'] },
    catalog: [
      {
        sku: 'GAYO-250',
        name: 'Aceh Gayo beans 250 g',
        description: 'Washed Arabica.',
        price: { amount: 12_500_000, currency: 'IDR' },
      },
    ],
  });
  await call('PUT', `${base}/review-rules`, { auto_send: { whatsapp: false }, min_confidence: 0.5 });
  const scope = { partnerId: partner.partnerId, workspaceId: ws.id };
  const deps = { db: api.appDb, vault: parseKeyRing(api.config.encryptionKeys) };
  const { routingId } = await connectSandboxAccount(sandbox, deps, scope, 'whatsapp');
  const addUser = async (role: 'owner' | 'agent') => {
    const email = `${role}-${ws.id.slice(-8).toLowerCase()}@kopikita.example`;
    await call('POST', `${base}/users`, { email, name: role, role, password: PASSWORD }, 201);
    return email;
  };
  const ownerEmail = await addUser('owner');
  return { workspaceId: ws.id, base, call, routingId, ownerEmail, addUser };
}

type Shop = Awaited<ReturnType<typeof coffeeShop>>;

/** A new customer (a number never used before) writes to the shop. */
async function customerWrites(shop: Shop, name: string, text = QUESTION): Promise<string> {
  customers += 1;
  const waId = `62813990${String(customers).padStart(4, '0')}`;
  const sent = await sandbox.customer.sendWhatsAppText({
    phoneNumberId: shop.routingId,
    from: { waId, name },
    text,
  });
  expect(sent.ok).toBe(true);
  return waId;
}

function sentTo(waId: string) {
  return sandbox.state.sentMessages().filter((m) => m.recipientId === waId);
}

async function signIn(email: string, path: string, heading: string): Promise<Page> {
  const context = await newContext();
  const page = await context.newPage();
  await page.goto(portalUrl(path));
  await page.waitForURL(/\/login\?next=/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: heading, exact: true }).waitFor();
  return page;
}

// A browser test waits on real pages and real workers; give each room on a busy 2-core machine.
describe('approval queue and settings in a browser', { timeout: 120_000 }, () => {
  it('edits and approves a waiting draft without a reload; the inbox shows the reply delivered', async () => {
    const shop = await coffeeShop();
    const page = await signIn(shop.ownerEmail, '/approvals', 'Approvals');
    await page.getByTestId('queue-empty').waitFor();
    await screenshot(page, 'approvals-01-empty');

    const waId = await customerWrites(shop, 'Sari');
    const item = page.getByTestId('draft-item').filter({ hasText: 'Sari' });
    await item.getByTestId('customer-message').filter({ hasText: QUESTION }).waitFor();
    expect(await item.textContent()).toContain('WhatsApp');
    expect(await item.getByTestId('draft-window').textContent()).toMatch(/(23|24) h left to reply/);
    expect(await item.getByTestId('draft-text').textContent()).toContain('Rp 125.000');
    expect(await item.getByTestId('hold-reasons').textContent()).toContain(
      'Automatic sending is off for this channel',
    );
    await item
      .getByTestId('citations')
      .filter({ hasText: 'Catalog: Aceh Gayo beans 250 g (GAYO-250)' })
      .waitFor();
    await page.getByTestId('approvals-count').filter({ hasText: '1' }).waitFor();
    // Waiting means waiting: nothing has reached the customer.
    expect(sentTo(waId)).toEqual([]);
    await screenshot(page, 'approvals-02-draft-waits');

    await item.getByRole('button', { name: 'Edit & approve' }).click();
    const reply = item.getByLabel('Reply to send');
    expect(await reply.inputValue()).toContain('Rp 125.000');
    const edited = 'The Gayo is Rp 125.000 for 250 g. Shall I set one aside for you?';
    await reply.fill(edited);
    await screenshot(page, 'approvals-03-editing');
    await item.getByRole('button', { name: 'Approve and send' }).click();
    // The decided draft leaves the queue on its own, and so does the badge.
    await page.getByTestId('queue-empty').waitFor();
    await page.getByTestId('approvals-count').waitFor({ state: 'detached' });
    await screenshot(page, 'approvals-04-approved');

    const [message] = await vi.waitFor(
      () => {
        const sent = sentTo(waId);
        if (sent.length === 0) throw new Error('nothing sent yet');
        return sent;
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(message?.text).toBe(edited);
    expect(sentTo(waId)).toHaveLength(1);
    const drafts = await shop.call<{ data: Draft[] }>('GET', `${shop.base}/drafts`);
    expect(drafts.data[0]?.review.edited).toBe(true);

    // The thread shows the reply going out and Meta's delivery status arriving, still without a reload.
    await page.getByRole('link', { name: 'Inbox' }).click();
    await page.getByTestId('conversation-row').filter({ hasText: 'Sari' }).click();
    const outbound = page.getByTestId('message').filter({ hasText: edited });
    await outbound
      .getByTestId('delivery-status')
      .filter({ hasText: /Delivered|Read/ })
      .waitFor();
    await outbound.getByTestId('delivery-status').filter({ hasText: 'Read' }).waitFor();
    await screenshot(page, 'approvals-05-inbox-read');
    await page.context().close();
  });

  it('rejects a draft with a reason, and says so when the reply window has closed', async () => {
    const shop = await coffeeShop();
    const page = await signIn(shop.ownerEmail, '/approvals', 'Approvals');
    const budi = await customerWrites(shop, 'Budi');
    const item = page.getByTestId('draft-item').filter({ hasText: 'Budi' });
    await item.getByTestId('customer-message').waitFor();

    await item.getByRole('button', { name: 'Reject', exact: true }).click();
    const rejectButton = item.getByRole('button', { name: 'Reject draft' });
    // A reason is required before the draft can be rejected.
    expect(await rejectButton.isDisabled()).toBe(true);
    await item.getByLabel('Why reject it?').fill('We are out of Gayo this week; I will call her.');
    await screenshot(page, 'approvals-06-rejecting');
    await rejectButton.click();
    await item.waitFor({ state: 'detached' });
    await page.getByTestId('queue-empty').waitFor();
    const [rejected] = (await shop.call<{ data: Draft[] }>('GET', `${shop.base}/drafts?state=rejected`)).data;
    expect(rejected?.review.rejection_reason).toBe('We are out of Gayo this week; I will call her.');
    expect(sentTo(budi)).toEqual([]);

    // A draft whose 24-hour window closed cannot be approved: once the card learns the window
    // closed, Approve and Edit are off and it says so; only rejecting is left.
    const dewi = await customerWrites(shop, 'Dewi');
    const late = page.getByTestId('draft-item').filter({ hasText: 'Dewi' });
    await late.getByTestId('customer-message').waitFor();
    const [waiting] = (
      await shop.call<{ data: Draft[] }>('GET', `${shop.base}/drafts?state=pending_approval`)
    ).data;
    await api
      .ownerDb('conversations')
      .where({ workspace_id: shop.workspaceId, id: waiting?.conversation_id ?? '' })
      .update({ window_closes_at: new Date(Date.now() - 60_000) });
    const approveLate = late.getByRole('button', { name: 'Approve', exact: true });
    await expect.poll(() => approveLate.isDisabled(), { timeout: 15_000 }).toBe(true);
    expect(await late.getByRole('button', { name: 'Edit & approve' }).isDisabled()).toBe(true);
    await late.getByText('Reply window closed').first().waitFor();
    await screenshot(page, 'approvals-07-window-closed');
    expect(sentTo(dewi)).toEqual([]);
    await page.context().close();
  });

  it('saves the business context and review rules; automatic sending then needs no click', async () => {
    const shop = await coffeeShop();
    const page = await signIn(shop.ownerEmail, '/settings/business', 'Business');
    expect(await page.getByLabel('Business name').inputValue()).toBe('Kopi Kita');
    const first = page.getByTestId('catalog-row').first();
    // Rp 125.000 is stored as 12_500_000 minor units and shown in rupiah.
    expect(await first.getByLabel('Price').inputValue()).toBe('125000');

    await page.getByLabel('Tone of replies').fill('warm, brief, a little playful');
    await page.getByRole('button', { name: 'Add catalog item' }).click();
    const added = page.getByTestId('catalog-row').nth(1);
    await added.getByLabel('SKU').fill('bad sku!');
    await added.getByLabel('Name').fill('V60 dripper');
    await added.getByLabel('Price').fill('185000.50');
    await page.getByRole('button', { name: 'Add policy' }).click();
    await page.getByTestId('policy-row').first().getByLabel('Topic').fill('Shipping');
    await page
      .getByTestId('policy-row')
      .first()
      .getByLabel('Policy text')
      .fill('We ship across Java in 2 days.');
    await page.getByRole('button', { name: 'Add question' }).click();
    await page.getByTestId('faq-row').first().getByLabel('Question').fill('Are you open on Sunday?');
    await page.getByTestId('faq-row').first().getByLabel('Answer').fill('Yes, 8 to 14.');

    // The API refuses the sku and says where; the form keeps what was typed.
    await page.getByRole('button', { name: 'Save business context' }).click();
    await page.getByTestId('save-error').filter({ hasText: 'Catalog item 2, SKU:' }).waitFor();
    await screenshot(page, 'settings-01-business-invalid');
    await added.getByLabel('SKU').fill('V60-02');
    await page.getByRole('button', { name: 'Save business context' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await screenshot(page, 'settings-02-business-saved');

    const stored = await shop.call<{
      business: { tone: string };
      catalog: Array<{ sku: string; price: { amount: number; currency: string } }>;
      policies: Array<{ topic: string }>;
      faqs: Array<{ question: string }>;
    }>('GET', `${shop.base}/business-context`);
    expect(stored.business.tone).toBe('warm, brief, a little playful');
    expect(stored.catalog.map((c) => [c.sku, c.price])).toEqual([
      ['GAYO-250', { amount: 12_500_000, currency: 'IDR' }],
      ['V60-02', { amount: 18_500_050, currency: 'IDR' }],
    ]);
    expect(stored.policies.map((p) => p.topic)).toEqual(['Shipping']);
    expect(stored.faqs.map((f) => f.question)).toEqual(['Are you open on Sunday?']);

    // A reload shows what was stored.
    await page.reload();
    await page.getByTestId('catalog-row').nth(1).waitFor();
    expect(await page.getByTestId('catalog-row').nth(1).getByLabel('Price').inputValue()).toBe('185000.50');
    expect(await page.getByLabel('Tone of replies').inputValue()).toBe('warm, brief, a little playful');

    // Review rules: WhatsApp replies go out on their own from now on.
    await page.getByRole('link', { name: 'Review rules' }).click();
    const whatsapp = page.getByLabel('Send safe replies on WhatsApp without review');
    expect(await whatsapp.isChecked()).toBe(false);
    await whatsapp.check();
    await page.getByLabel('Always-review keywords').fill('refund\ncomplaint');
    await page.getByLabel('Minimum confidence (%)').fill('60');
    await page.getByRole('button', { name: 'Save review rules' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Send automatically' }).waitFor();
    expect(await page.getByLabel('Send safe replies on WhatsApp without review').isChecked()).toBe(true);
    expect(await page.getByLabel('Send safe replies on Instagram DM without review').isChecked()).toBe(false);
    expect(await page.getByLabel('Always-review keywords').inputValue()).toBe('refund\ncomplaint');
    expect(await page.getByLabel('Minimum confidence (%)').inputValue()).toBe('60');
    await screenshot(page, 'settings-03-review-rules-saved');

    const waId = await customerWrites(shop, 'Rina');
    const [auto] = await vi.waitFor(
      () => {
        const sent = sentTo(waId);
        if (sent.length === 0) throw new Error('nothing sent yet');
        return sent;
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(auto?.text).toContain('Rp 125.000');
    await page.getByRole('link', { name: 'Approvals' }).click();
    await page.getByTestId('queue-empty').waitFor();
    await page.context().close();

    // An agent reads the same settings but gets no form to change them.
    const agent = await signIn(await shop.addUser('agent'), '/settings/review-rules', 'Review rules');
    await agent.getByText('Only the workspace owner can change the review rules').waitFor();
    expect(await agent.getByLabel('Send safe replies on WhatsApp without review').isDisabled()).toBe(true);
    expect(await agent.getByRole('button', { name: 'Save review rules' }).count()).toBe(0);
    await agent.getByRole('link', { name: 'Business' }).click();
    await agent.getByText('Only the workspace owner can change the business context').waitFor();
    expect(await agent.getByRole('button', { name: 'Save business context' }).count()).toBe(0);
    await screenshot(agent, 'settings-04-agent-read-only');
    await agent.context().close();
  });
});

/** A fresh browser profile whose waits fail with a clear error well before the test's timeout. */
async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext();
  context.setDefaultTimeout(20_000);
  // An uncaught error in a page fails the test that caused it.
  context.on('weberror', (error) => pageErrors.push(error.error().message));
  return context;
}
