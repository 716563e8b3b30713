/**
 * Drives the Meta sandbox's dialogs over HTTP exactly as a browser would (no JavaScript): the
 * Embedded Signup popup's form and Instagram's consent form. Browser tests click the same pages.
 */
import type { Knex } from '@laras/core';
import { storeConnection } from '@laras/core/connections';
import { INSTAGRAM_SCOPES } from '@laras/core/meta';
import type { KeyRing } from '@laras/core/vault';
import type { EmbeddedSignupChoice, MetaSandbox } from '@laras/meta-sandbox';

export type EmbeddedSignupOutcome = {
  /** The `WA_EMBEDDED_SIGNUP` message the popup posts to its opener (parsed from its JSON string). */
  event: { type: 'WA_EMBEDDED_SIGNUP'; event: string; data: Record<string, string | number> };
  /** What the SDK hands the `FB.login` callback. */
  login: { status: string; authResponse: { code: string } | null };
  /** `login.authResponse.code`, or null when cancelled / failed. */
  code: string | null;
};

function hidden(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]+)"`).exec(html);
  if (!match?.[1]) throw new Error(`the dialog page has no ${name} field:\n${html}`);
  return match[1];
}

/**
 * Opens the Embedded Signup popup, picks `choice` and clicks Finish (or Cancel). `openerOrigin` is
 * the page that opened the popup (the connect page's origin).
 */
export async function runEmbeddedSignup(
  sandbox: MetaSandbox,
  choice: EmbeddedSignupChoice,
  options: { action?: 'finish' | 'cancel'; openerOrigin?: string } = {},
): Promise<EmbeddedSignupOutcome> {
  const { appId, embeddedSignupConfigId } = sandbox.state.apps;
  const dialogUrl = new URL('/dialog/embedded-signup', sandbox.url);
  for (const [key, value] of Object.entries({
    app_id: appId,
    config_id: embeddedSignupConfigId,
    response_type: 'code',
    override_default_response_type: 'true',
    extras: JSON.stringify({ setup: {}, sessionInfoVersion: '3' }),
    origin: options.openerOrigin ?? 'http://127.0.0.1',
    cbt: 'testkit',
  }))
    dialogUrl.searchParams.set(key, value);
  const page = await fetch(dialogUrl);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`embedded signup dialog answered ${page.status}:\n${html}`);
  const result = await fetch(dialogUrl.origin + dialogUrl.pathname, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      session: hidden(html, 'session'),
      business_id: choice.businessId,
      waba_id: choice.wabaId,
      phone_number_id: choice.phoneNumberId,
      action: options.action ?? 'finish',
    }),
  });
  const resultHtml = await result.text();
  const json = /<script type="application\/json" id="es-result">([^<]*)<\/script>/.exec(resultHtml)?.[1];
  if (!json) throw new Error(`embedded signup answered ${result.status} without a result:\n${resultHtml}`);
  const parsed = JSON.parse(json) as Pick<EmbeddedSignupOutcome, 'event' | 'login'>;
  return { ...parsed, code: parsed.login.authResponse?.code ?? null };
}

/**
 * Opens Instagram's consent dialog at `authorizeUrl` and clicks Allow (as `userId`, default the
 * first account listed) or Cancel; answers where Instagram redirects the browser.
 */
export async function decideInstagramLogin(
  authorizeUrl: string,
  decision: 'allow' | 'cancel',
  userId?: string,
): Promise<URL> {
  const page = await fetch(authorizeUrl);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`instagram authorize answered ${page.status}:\n${html}`);
  const account = userId ?? /<option value="(\d+)"/.exec(html)?.[1] ?? '';
  const response = await fetch(new URL('/ig/oauth/authorize', authorizeUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ dialog: hidden(html, 'dialog'), user_id: account, decision }),
  });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) throw new Error(`instagram consent answered ${response.status}`);
  return new URL(location);
}

/**
 * Connects a fresh sandbox WhatsApp number or Instagram account to the workspace, with a token the
 * sandbox really issued (so sends through its Graph API are accepted), as a finished connect flow
 * would. Answers the Meta id webhooks route by, the connection id and the token (tests revoke it).
 */
export async function connectSandboxAccount(
  sandbox: MetaSandbox,
  deps: { db: Knex; vault: KeyRing },
  scope: { partnerId: string; workspaceId: string },
  channel: 'whatsapp' | 'instagram',
): Promise<{ routingId: string; connectionId: string; token: string }> {
  const state = sandbox.state;
  if (channel === 'whatsapp') {
    const business = state.addBusiness();
    const phone = business.phoneNumbers[0];
    if (!phone) throw new Error('the sandbox made a business without a number');
    const choice = { businessId: business.businessId, wabaId: business.wabaId, phoneNumberId: phone.id };
    const code = state.issueEmbeddedSignupCode(choice);
    const redeemed = state.redeemCode(code, 'embedded_signup', state.apps.appId);
    if (!redeemed.ok) throw new Error(`sandbox code not redeemed: ${redeemed.problem}`);
    const token = state.issueBusinessToken(redeemed.code).token;
    const connection = await storeConnection(deps, scope, {
      channel,
      wabaId: business.wabaId,
      phoneNumberId: phone.id,
      displayPhoneNumber: phone.displayPhoneNumber,
      verifiedName: phone.verifiedName,
      token,
      tokenExpiresAt: null,
    });
    return { routingId: phone.id, connectionId: connection.id, token };
  }
  const account = state.addInstagramAccount();
  const issued = state.issueInstagramToken('instagram_long', {
    userId: account.userId,
    scopes: INSTAGRAM_SCOPES,
    appId: state.apps.instagramAppId,
  });
  const connection = await storeConnection(deps, scope, {
    channel,
    accountId: account.userId,
    username: account.username,
    accountType: 'BUSINESS',
    token: issued.token,
    tokenExpiresAt: null,
  });
  return { routingId: account.userId, connectionId: connection.id, token: issued.token };
}
