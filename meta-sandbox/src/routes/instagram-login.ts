/**
 * Instagram Business Login: the consent dialog of www.instagram.com (mounted at `/ig`) and the
 * code exchange of api.instagram.com (mounted at `/ig-api`). Allow redirects back with
 * `?code=…&state=…#_`, Cancel with `error=access_denied&error_reason=user_denied`.
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import { instagramApiError } from '../graph-error.ts';
import { dialogOperation, escapeHtml, operation, params, query, type SandboxDeps } from '../http.ts';
import { renderDialogError, renderPage } from '../pages.ts';
import type { InstagramDialog } from '../types.ts';

const SCOPES: Record<string, string> = {
  instagram_business_basic: 'Access your profile and media',
  instagram_business_manage_messages: 'Access and manage your messages',
  instagram_business_manage_comments: 'Access and manage comments',
  instagram_business_content_publish: 'Publish content',
  instagram_business_manage_insights: 'Access insights',
};

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function instagramLoginRouter(deps: SandboxDeps): Router {
  const { state, faults } = deps;
  const router = new Router();

  router.get('/ig/oauth/authorize', dialogOperation('ig.oauth.authorize'), (ctx) => {
    if (faults.take('ig.oauth.authorize')) return renderDialogError(ctx, 'Please try again later.', 500);
    const q = query(ctx);
    if (q.client_id !== state.apps.instagramAppId) throw instagramApiError('Invalid platform app');
    if (!q.redirect_uri || !isWebUrl(q.redirect_uri)) throw instagramApiError('Invalid redirect_uri');
    if (q.response_type !== 'code') throw instagramApiError('Invalid response_type: only code is supported');
    const scopes = (q.scope ?? '').split(/[,\s]+/).filter(Boolean);
    const unknown = scopes.filter((s) => !(s in SCOPES));
    if (scopes.length === 0 || unknown.length > 0 || !scopes.includes('instagram_business_basic'))
      throw instagramApiError(
        `Invalid Scopes: ${unknown.join(', ') || 'instagram_business_basic is required'}`,
      );
    const dialog = state.openDialog<InstagramDialog>({
      kind: 'instagram',
      appId: q.client_id,
      redirectUri: q.redirect_uri,
      scopes,
      state: q.state ?? null,
    });
    const accounts = state.instagramAccounts;
    const appName = escapeHtml(state.apps.instagramAppName);
    renderPage(ctx, {
      title: `Allow ${state.apps.instagramAppName} to access your Instagram account?`,
      body: `<h1>Instagram</h1>
<p><strong id="app-name">${appName}</strong> would like to:</p>
<ul>${scopes.map((s) => `<li>${escapeHtml(SCOPES[s] ?? s)}</li>`).join('')}</ul>
<form method="post" action="/ig/oauth/authorize">
<input type="hidden" name="dialog" value="${escapeHtml(dialog.id)}">
<label for="account">Instagram account</label>
<select id="account" name="user_id">${accounts
        .map(
          (a) =>
            `<option value="${escapeHtml(a.userId)}">@${escapeHtml(a.username)} (${escapeHtml(a.name)})</option>`,
        )
        .join('')}</select>
<div class="actions">
<button type="submit" id="cancel" name="decision" value="cancel">Cancel</button>
<button type="submit" id="allow" class="primary" name="decision" value="allow">Allow</button>
</div>
</form>`,
    });
  });

  router.post('/ig/oauth/authorize', dialogOperation('ig.oauth.authorize'), async (ctx: Context) => {
    const p = await params(ctx);
    const dialog = state.findDialog(p.dialog ?? '', 'instagram', true);
    if (!dialog) return renderDialogError(ctx, 'This page has expired. Go back to the app and start again.');
    const back = new URL(dialog.redirectUri);
    if (p.decision === 'allow') {
      const account = state.findInstagramAccount(p.user_id ?? '');
      if (!account) return renderDialogError(ctx, 'Choose an Instagram account.');
      back.searchParams.set(
        'code',
        state.issueInstagramCode({
          userId: account.userId,
          redirectUri: dialog.redirectUri,
          scopes: dialog.scopes,
          appId: dialog.appId,
        }),
      );
      if (dialog.state !== null) back.searchParams.set('state', dialog.state);
      back.hash = '_';
    } else {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_reason', 'user_denied');
      back.searchParams.set('error_description', 'The user denied your request.');
      if (dialog.state !== null) back.searchParams.set('state', dialog.state);
    }
    ctx.redirect(back.toString());
  });

  router.get('/ig/avatars/:name', (ctx) => {
    const letter = escapeHtml(String(ctx.params.name).slice(0, 1).toUpperCase());
    ctx.type = 'image/svg+xml';
    ctx.body = `<svg xmlns="http://www.w3.org/2000/svg" width="150" height="150"><rect width="150" height="150" fill="#c13584"/><text x="75" y="98" font-size="72" text-anchor="middle" fill="#fff" font-family="sans-serif">${letter}</text></svg>`;
  });

  router.post(
    '/ig-api/oauth/access_token',
    operation(deps, 'ig.oauth.access_token', 'ig-api'),
    async (ctx) => {
      const p = await params(ctx);
      for (const field of ['client_id', 'client_secret', 'grant_type', 'redirect_uri', 'code']) {
        if (!p[field]) throw instagramApiError(`Missing required field ${field}`);
      }
      if (p.client_id !== state.apps.instagramAppId) throw instagramApiError('Invalid platform app');
      if (p.client_secret !== state.apps.instagramAppSecret)
        throw instagramApiError('Error validating client secret.');
      if (p.grant_type !== 'authorization_code') throw instagramApiError('Unsupported grant_type');
      const redeemed = state.redeemCode(p.code ?? '', 'instagram', p.client_id, p.redirect_uri);
      if (!redeemed.ok) {
        const messages = {
          unknown: 'Invalid authorization code',
          used: 'This authorization code has been used.',
          expired: 'This authorization code has expired.',
          redirect_mismatch:
            'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
        } as const;
        throw instagramApiError(messages[redeemed.problem]);
      }
      const token = state.issueInstagramToken('instagram_short', redeemed.code);
      const account = state.findInstagramAccount(redeemed.code.userId);
      // user_id is a JSON number larger than 2^53, as Meta sends it: written by hand to keep its digits.
      ctx.type = 'application/json';
      ctx.body = `{"access_token":${JSON.stringify(token.token)},"user_id":${account?.appScopedId ?? '0'},"permissions":${JSON.stringify(token.scopes)}}`;
    },
  );

  return router;
}
