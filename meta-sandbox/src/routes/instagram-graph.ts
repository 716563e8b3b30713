/**
 * graph.instagram.com, mounted at `/ig-graph`: long-lived token exchange and refresh, the account
 * (`/me`), and the per-account webhook subscription. Tokens come as a Bearer header or an
 * `access_token` parameter, as Meta accepts both.
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import {
  badClientSecret,
  graphError,
  invalidParameter,
  invalidToken,
  unsupportedRequest,
} from '../graph-error.ts';
import {
  checkVersion,
  operation,
  params,
  requireInstagramToken,
  type SandboxDeps,
  selfOrigin,
} from '../http.ts';
import { type IssuedToken, LIFETIMES } from '../types.ts';

type InstagramToken = Extract<IssuedToken, { kind: 'instagram_short' | 'instagram_long' }>;

const ME_FIELDS = [
  'id',
  'user_id',
  'username',
  'name',
  'account_type',
  'profile_picture_url',
  'followers_count',
  'follows_count',
  'media_count',
];

/** Webhook fields and the permission each needs. */
const FIELD_PERMISSIONS: Record<string, string> = {
  comments: 'instagram_business_manage_comments',
  live_comments: 'instagram_business_manage_comments',
  messages: 'instagram_business_manage_messages',
  message_reactions: 'instagram_business_manage_messages',
  messaging_postbacks: 'instagram_business_manage_messages',
  messaging_seen: 'instagram_business_manage_messages',
  messaging_referral: 'instagram_business_manage_messages',
  messaging_optins: 'instagram_business_manage_messages',
  messaging_handover: 'instagram_business_manage_messages',
  standby: 'instagram_business_manage_messages',
};

export function instagramGraphRouter(deps: SandboxDeps): Router {
  const { state } = deps;
  const router = new Router({ prefix: '/ig-graph' });
  router.param('version', checkVersion);

  const instagramToken = (ctx: Context): Promise<InstagramToken> => requireInstagramToken(state, ctx);

  const longLivedBody = (token: IssuedToken) => ({
    access_token: token.token,
    token_type: 'bearer',
    expires_in: token.expiresAt ? Math.round((token.expiresAt.getTime() - state.now().getTime()) / 1000) : 0,
  });

  router.get('/access_token', operation(deps, 'ig.access_token', 'ig-graph'), async (ctx) => {
    const p = await params(ctx);
    if (p.grant_type !== 'ig_exchange_token')
      throw invalidParameter('Unsupported grant_type: use ig_exchange_token', 'IGApiException');
    if (p.client_secret !== state.apps.instagramAppSecret) throw badClientSecret();
    const token = await instagramToken(ctx);
    if (token.kind !== 'instagram_short') throw invalidToken(undefined, 400);
    ctx.body = longLivedBody(state.issueInstagramToken('instagram_long', token));
  });

  router.get('/refresh_access_token', operation(deps, 'ig.refresh', 'ig-graph'), async (ctx) => {
    const p = await params(ctx);
    if (p.grant_type !== 'ig_refresh_token')
      throw invalidParameter('Unsupported grant_type: use ig_refresh_token', 'IGApiException');
    const token = await instagramToken(ctx);
    if (token.kind !== 'instagram_long') throw invalidToken(undefined, 400);
    const age = (state.now().getTime() - token.issuedAt.getTime()) / 1000;
    if (age < LIFETIMES.instagramRefreshAfter) {
      throw graphError(400, {
        message: 'The access token can be refreshed only once it is at least 24 hours old.',
        type: 'IGApiException',
        code: 100,
      });
    }
    ctx.body = longLivedBody(state.issueInstagramToken('instagram_long', token));
  });

  /** `me` or the token's own account id; anything else is not reachable with this token. */
  function accountFor(ctx: Context, token: InstagramToken) {
    const id = String(ctx.params.id);
    const account = state.findInstagramAccount(token.userId);
    if (!account || (id !== 'me' && id !== account.userId && id !== account.appScopedId))
      throw unsupportedRequest(ctx.method, id);
    return account;
  }

  router.get('/:version/:id', operation(deps, 'ig.me', 'ig-graph'), async (ctx) => {
    const account = accountFor(ctx, await instagramToken(ctx));
    const requested = (await params(ctx)).fields;
    const fields = requested
      ? requested
          .split(',')
          .map((f) => f.trim())
          .filter(Boolean)
      : ['id'];
    for (const field of fields) {
      if (!ME_FIELDS.includes(field))
        throw invalidParameter(
          `Tried accessing nonexisting field (${field}) on node type (User)`,
          'IGApiException',
        );
    }
    const values: Record<string, unknown> = {
      id: account.appScopedId,
      user_id: account.userId,
      username: account.username,
      name: account.name,
      account_type: account.accountType,
      profile_picture_url: `${selfOrigin(ctx)}/ig/avatars/${encodeURIComponent(account.username)}.svg`,
      followers_count: 1280,
      follows_count: 75,
      media_count: 42,
    };
    ctx.body = Object.fromEntries([...new Set([...fields, 'id'])].map((f) => [f, values[f]]));
  });

  const subscribed = operation(deps, 'ig.subscribed_apps', 'ig-graph');

  router.post('/:version/:id/subscribed_apps', subscribed, async (ctx) => {
    const token = await instagramToken(ctx);
    const account = accountFor(ctx, token);
    const raw = (await params(ctx)).subscribed_fields;
    if (!raw) throw invalidParameter('The parameter subscribed_fields is required.', 'IGApiException');
    const fields = raw
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean);
    for (const [index, field] of fields.entries()) {
      const permission = FIELD_PERMISSIONS[field];
      if (!permission) {
        throw invalidParameter(
          `Param subscribed_fields[${index}] must be one of {${Object.keys(FIELD_PERMISSIONS).join(', ')}} - got "${field}".`,
          'IGApiException',
        );
      }
      if (!token.scopes.includes(permission)) {
        throw graphError(400, {
          message: `(#200) Subscribing to ${field} requires the ${permission} permission`,
          type: 'OAuthException',
          code: 200,
        });
      }
    }
    state.subscribeInstagram(account.userId, token.appId, fields);
    ctx.body = { success: true };
  });

  router.get('/:version/:id/subscribed_apps', subscribed, async (ctx) => {
    const account = accountFor(ctx, await instagramToken(ctx));
    ctx.body = {
      data: state
        .instagramSubscriptions(account.userId)
        .map((s) => ({ id: s.appId, name: state.apps.instagramAppName, subscribed_fields: s.fields })),
    };
  });

  router.delete('/:version/:id/subscribed_apps', subscribed, async (ctx) => {
    const token = await instagramToken(ctx);
    state.unsubscribeInstagram(accountFor(ctx, token).userId, token.appId);
    ctx.body = { success: true };
  });

  return router;
}
