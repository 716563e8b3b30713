/**
 * The JS SDK stand-in in a real browser: a page on another origin loads /sdk.js, FB.login opens
 * the popup, the person picks and clicks, and the page receives what Meta's would: the
 * WA_EMBEDDED_SIGNUP message from the sandbox origin and the login callback.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED_IDS } from './seed.ts';
import { type MetaSandbox, startMetaSandbox } from './server.ts';

type Results = {
  messages: unknown[];
  login: { status: string; authResponse: { code?: string } | null } | null;
};
type OpenerWindow = { sdkReady?: boolean; results: Results };

let sandbox: MetaSandbox;
let opener: Server;
let openerUrl: string;
let browser: Browser;

function openerPage(sandboxUrl: string): string {
  return `<!doctype html><html><body>
<button id="launch" type="button">Launch</button>
<script>
  window.results = { messages: [], login: null };
  window.addEventListener('message', function (event) {
    if (event.origin === ${JSON.stringify(sandboxUrl)}) window.results.messages.push(event.data);
  });
  window.fbAsyncInit = function () {
    FB.init({ appId: 'sandbox-meta-app', autoLogAppEvents: true, xfbml: false, version: 'v24.0' });
    window.sdkReady = true;
  };
  document.getElementById('launch').addEventListener('click', function () {
    FB.login(function (response) { window.results.login = response; }, {
      config_id: 'sandbox-es-config', response_type: 'code', override_default_response_type: true,
      extras: { setup: {}, sessionInfoVersion: '3' }
    });
  });
</script>
<script async defer crossorigin="anonymous" src="${sandboxUrl}/sdk.js"></script>
</body></html>`;
}

beforeAll(async () => {
  sandbox = await startMetaSandbox({ port: 0 });
  opener = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(openerPage(sandbox.url));
  });
  await new Promise<void>((resolve) => opener.listen(0, '127.0.0.1', resolve));
  // "localhost" makes the opener a different origin from the sandbox's 127.0.0.1.
  openerUrl = `http://localhost:${(opener.address() as AddressInfo).port}/`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (opener ? opener.close(() => resolve()) : resolve()));
  await sandbox?.close();
});
beforeEach(() => sandbox.state.reset());

async function launch(): Promise<{ page: Page; popup: Page }> {
  const page = await browser.newPage();
  await page.goto(openerUrl);
  await page.waitForFunction(() => (globalThis as unknown as OpenerWindow).sdkReady === true);
  const popupOpened = page.waitForEvent('popup');
  await page.click('#launch');
  const popup = await popupOpened;
  await popup.waitForLoadState();
  return { page, popup };
}

/** What the page received; `signup` are the WA_EMBEDDED_SIGNUP messages (JSON strings, as Meta sends). */
const results = async (page: Page): Promise<Results & { signup: unknown[] }> => {
  await page.waitForFunction(() => (globalThis as unknown as OpenerWindow).results.login !== null);
  const got = await page.evaluate(() => (globalThis as unknown as OpenerWindow).results);
  const signup = got.messages.filter((m) => typeof m === 'string').map((m) => JSON.parse(String(m)));
  return { ...got, signup };
};

describe('FB.login with the sandbox SDK', () => {
  it('Finish: the page gets FINISH from the sandbox origin, then a code in the login callback', async () => {
    const { page, popup } = await launch();
    expect(new URL(popup.url()).origin).toBe(sandbox.url);
    await popup.getByLabel('Business', { exact: true }).selectOption(SEED_IDS.kopiKita.businessId);
    expect(await popup.getByLabel('WhatsApp Business Account').inputValue()).toBe(SEED_IDS.kopiKita.wabaId);
    expect(await popup.getByLabel('Phone number').inputValue()).toBe(SEED_IDS.kopiKita.phoneNumberIds[0]);
    await popup.getByRole('button', { name: 'Finish' }).click();
    const got = await results(page);
    expect(got.signup).toEqual([
      {
        type: 'WA_EMBEDDED_SIGNUP',
        event: 'FINISH',
        data: {
          phone_number_id: SEED_IDS.kopiKita.phoneNumberIds[0],
          waba_id: SEED_IDS.kopiKita.wabaId,
          business_id: SEED_IDS.kopiKita.businessId,
        },
      },
    ]);
    expect(got.login).toMatchObject({
      status: 'connected',
      authResponse: { code: expect.stringMatching(/^AQ/) },
    });
    const exchange = await fetch(
      `${sandbox.url}/graph/v24.0/oauth/access_token?client_id=sandbox-meta-app&client_secret=sandbox-meta-app-secret&code=${encodeURIComponent(got.login?.authResponse?.code ?? '')}`,
    );
    expect(exchange.status).toBe(200);
    await page.close();
  });

  it('Cancel: CANCEL message and a login callback without authResponse', async () => {
    const { page, popup } = await launch();
    await popup.getByRole('button', { name: 'Cancel' }).click();
    const got = await results(page);
    expect(got.signup).toEqual([
      { type: 'WA_EMBEDDED_SIGNUP', event: 'CANCEL', data: { current_step: 'WABA_PHONE_PROFILE_PICKER' } },
    ]);
    expect(got.login).toEqual({ authResponse: null, status: 'unknown' });
    await page.close();
  });

  it('closing the popup calls back with status unknown', async () => {
    const { page, popup } = await launch();
    await popup.close();
    const got = await results(page);
    expect(got.messages).toEqual([]);
    expect(got.login).toEqual({ authResponse: null, status: 'unknown' });
    await page.close();
  });
});
