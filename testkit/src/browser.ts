/**
 * Headless Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core (which
 * never downloads a browser of its own). Screenshots of each step are kept under
 * test-results/screenshots as test artifacts.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const root = new URL('../..', import.meta.url).pathname;
export const SCREENSHOT_DIR = join(root, 'test-results', 'screenshots');

/**
 * Starts headless Chromium. `loopbackHosts` resolve to 127.0.0.1 inside this browser only, so a
 * test can open the portal on several partner hostnames (`acme.laras.test`) without DNS.
 */
export async function launchBrowser(options: { loopbackHosts?: readonly string[] } = {}): Promise<Browser> {
  const hosts = options.loopbackHosts ?? [];
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      ...(hosts.length > 0
        ? [`--host-resolver-rules=${hosts.map((h) => `MAP ${h} 127.0.0.1`).join(',')}`]
        : []),
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Saves a full-page screenshot named `<test>-<step>.png` and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^a-z0-9-]+/gi, '-').toLowerCase()}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
