/**
 * Routes outside /v1: the pages a connect link opens, the callbacks the browser and Instagram
 * come back to, and Meta's deauthorize / data-deletion callbacks. None takes an API key: each
 * is authorised by what it carries (a link secret, a single-use state, or Meta's signature).
 */
import Router from '@koa/router';
import { AppError, parseInput } from '@laras/core';
import {
  abandonInstagramLogin,
  completeInstagramLogin,
  completeWhatsAppSignup,
  openConnectLink,
  startConnectAttempt,
  startInstagramAttempt,
} from '@laras/core/connect-sessions';
import { DELIVERY_RETENTION_DAYS } from '@laras/core/inbound';
import { createInstagramClient, createWhatsAppClient } from '@laras/core/meta';
import {
  getDeletionStatus,
  handleDataDeletion,
  handleDeauthorize,
  type MetaApp,
} from '@laras/core/meta-callbacks';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { jsonBody } from '../middleware/json-body.ts';
import type { AppState } from '../state.ts';
import { whatsappConnectPage } from './connect-page.ts';
import { deletionOutcome } from './deletion-status.ts';
import { formBody } from './form-body.ts';
import { brandedPage, escapeHtml, newNonce } from './html.ts';
import { htmlErrors } from './html-errors.ts';
import { registerWebhookRoutes } from './webhooks.ts';

const EmbeddedSignupCallbackSchema = z.strictObject({
  state: z.string().min(1).max(100),
  code: z.string().min(1).max(2048),
  waba_id: z.string().regex(/^\d{1,32}$/, 'waba_id is a numeric Meta id'),
  phone_number_id: z.string().regex(/^\d{1,32}$/, 'phone_number_id is a numeric Meta id'),
});

function withStatus(returnUrl: string | null, status: 'connected' | 'cancelled' | 'failed'): string | null {
  if (!returnUrl) return null;
  const url = new URL(returnUrl);
  url.searchParams.set('status', status);
  return url.toString();
}

export function buildWebRouter(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const flows = {
    db: deps.db,
    vault: deps.vault,
    whatsapp: createWhatsAppClient(deps.config.meta),
    instagram: createInstagramClient(deps.config.meta),
  };
  const instagramRedirectUri = new URL(
    '/api/instagram/oauth-callback',
    deps.config.http.publicUrl,
  ).toString();
  const limit = deps.config.http.bodyLimitBytes;
  const pages = htmlErrors(deps.logger);
  const metaApps: MetaApp[] = [
    { name: 'instagram', secret: deps.config.meta.instagramAppSecret, channel: 'instagram' },
    { name: 'meta', secret: deps.config.meta.appSecret, channel: 'whatsapp' },
  ];

  router.get('/connect/:token', pages, async (ctx) => {
    const token = ctx.params.token ?? '';
    const opened = await openConnectLink(flows, token);
    if (opened.session.channel === 'instagram') {
      ctx.redirect(await startInstagramAttempt(flows, token, instagramRedirectUri));
      return;
    }
    const nonce = newNonce();
    const sdkOrigin = new URL(deps.config.meta.facebookSdkUrl).origin;
    ctx.set(
      'Content-Security-Policy',
      `default-src 'self'; script-src 'nonce-${nonce}' ${sdkOrigin}; style-src 'nonce-${nonce}'; img-src https: data:; connect-src 'self' https:; frame-src https:; base-uri 'none'`,
    );
    ctx.type = 'html';
    ctx.body = whatsappConnectPage(opened, token, deps.config, nonce);
  });

  router.post('/connect/:token/attempts', async (ctx) => {
    const { state } = await startConnectAttempt(flows, ctx.params.token ?? '');
    ctx.body = { state };
  });

  router.post('/api/wa/embedded-signup-callback', jsonBody(limit), async (ctx) => {
    const input = parseInput(EmbeddedSignupCallbackSchema, ctx.state.body);
    const { connection, session } = await completeWhatsAppSignup(flows, {
      state: input.state,
      code: input.code,
      wabaId: input.waba_id,
      phoneNumberId: input.phone_number_id,
    });
    ctx.body = {
      connection: {
        id: connection.id,
        display_phone_number: connection.whatsapp?.displayPhoneNumber ?? null,
        verified_name: connection.whatsapp?.verifiedName ?? null,
      },
      return_url: withStatus(session.returnUrl, 'connected'),
    };
  });

  router.get('/api/instagram/oauth-callback', pages, async (ctx) => {
    const state = typeof ctx.query.state === 'string' ? ctx.query.state : '';
    const code = typeof ctx.query.code === 'string' ? ctx.query.code : '';
    if (!code) {
      const session = await abandonInstagramLogin(flows, state);
      const back = withStatus(session?.returnUrl ?? null, 'cancelled');
      if (back) return ctx.redirect(back);
      throw new AppError('invalid_request', 'Instagram login was cancelled before it finished.');
    }
    const { connection, session } = await completeInstagramLogin(flows, {
      state,
      code,
      redirectUri: instagramRedirectUri,
    });
    const back = withStatus(session.returnUrl, 'connected');
    if (back) return ctx.redirect(back);
    const nonce = newNonce();
    ctx.set(
      'Content-Security-Policy',
      `default-src 'none'; style-src 'nonce-${nonce}'; img-src https: data:`,
    );
    ctx.type = 'html';
    ctx.body = brandedPage({
      title: 'Instagram connected',
      branding: undefined,
      nonce,
      body: `<h1>Instagram connected</h1><p class="status" data-kind="success">Connected: @${escapeHtml(
        connection.instagram?.username ?? '',
      )}</p><p>You can close this window.</p>`,
    });
  });

  router.post('/api/meta/instagram/deauthorize', formBody(limit), async (ctx) => {
    const body = ctx.state.body as Record<string, string>;
    const result = await handleDeauthorize(flows, body.signed_request, metaApps.slice(0, 1));
    ctx.body = { success: true, cleared: result.cleared };
  });

  router.post('/api/meta/data-deletion', formBody(limit), async (ctx) => {
    const body = ctx.state.body as Record<string, string>;
    ctx.body = await handleDataDeletion(
      { ...flows, publicUrl: deps.config.http.publicUrl },
      body.signed_request,
      metaApps,
    );
  });

  router.get('/api/meta/data-deletion/status', pages, async (ctx) => {
    const code = typeof ctx.query.code === 'string' ? ctx.query.code : '';
    const status = await getDeletionStatus(flows, code);
    if (!status) throw new AppError('not_found', 'No deletion request has this confirmation code.');
    const nonce = newNonce();
    ctx.set('Content-Security-Policy', `default-src 'none'; style-src 'nonce-${nonce}'`);
    ctx.type = 'html';
    ctx.body = brandedPage({
      title: 'Data deletion',
      branding: undefined,
      nonce,
      body: `<h1>Data deletion request</h1>
<p>Confirmation code: <code>${escapeHtml(status.code)}</code></p>
${deletionOutcome(status)}
<p>Copies of Meta's notifications are deleted ${DELIVERY_RETENTION_DAYS} days after they arrived.</p>`,
    });
  });

  registerWebhookRoutes(router, deps);
  return router;
}
