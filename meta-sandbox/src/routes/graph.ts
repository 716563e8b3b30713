/**
 * graph.facebook.com, mounted at `/graph`: the calls of Embedded Signup onboarding (code exchange,
 * debug_token, subscribed_apps, register, phone number / WABA reads). Every object call needs a
 * token this sandbox issued that reaches the object.
 */
import Router from '@koa/router';
import type { Context, Next } from 'koa';
import {
  badAppId,
  badClientSecret,
  codeExpired,
  codeInvalid,
  codeUsed,
  graphError,
  invalidParameter,
  invalidToken,
  missingToken,
  unsupportedRequest,
} from '../graph-error.ts';
import { bearer, checkVersion, operation, params, requireBusinessToken, type SandboxDeps } from '../http.ts';
import type { IssuedToken } from '../types.ts';

const PHONE_FIELDS = [
  'id',
  'display_phone_number',
  'verified_name',
  'quality_rating',
  'code_verification_status',
  'name_status',
  'platform_type',
  'status',
  'messaging_limit_tier',
  'throughput',
  'account_mode',
  'is_official_business_account',
] as const;
const DEFAULT_PHONE_FIELDS = ['id', 'display_phone_number', 'verified_name', 'quality_rating'];
const WABA_FIELDS = [
  'id',
  'name',
  'currency',
  'timezone_id',
  'message_template_namespace',
  'account_review_status',
];

type BusinessToken = Extract<IssuedToken, { kind: 'business' }>;

/** `?fields=a,b` against what the node has; Meta answers 100 for a field the node lacks. */
function pickFields(
  requested: string | undefined,
  available: readonly string[],
  fallback: readonly string[],
  node: string,
): string[] {
  const fields = requested
    ? requested
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean)
    : [...fallback];
  for (const field of fields) {
    if (!available.includes(field))
      throw invalidParameter(`Tried accessing nonexisting field (${field}) on node type (${node})`);
  }
  return fields.includes('id') ? fields : ['id', ...fields];
}

export function graphRouter(deps: SandboxDeps): Router {
  const { state } = deps;
  const router = new Router({ prefix: '/graph' });

  router.param('version', checkVersion);

  const businessToken = (ctx: Context): Promise<BusinessToken> => requireBusinessToken(state, ctx);

  router.get(
    '/:version/oauth/access_token',
    operation(deps, 'graph.oauth.access_token', 'graph'),
    async (ctx) => {
      const p = await params(ctx);
      if (!p.client_id)
        throw graphError(400, { message: 'Missing client_id parameter.', type: 'OAuthException', code: 101 });
      if (p.client_id !== state.apps.appId) throw badAppId();
      if (p.client_secret !== state.apps.appSecret) throw badClientSecret();
      if (!p.code) throw invalidParameter('Missing code parameter.');
      const redeemed = state.redeemCode(p.code, 'embedded_signup', p.client_id);
      if (!redeemed.ok) {
        if (redeemed.problem === 'expired') throw codeExpired();
        if (redeemed.problem === 'used') throw codeUsed();
        throw codeInvalid();
      }
      const issued = state.issueBusinessToken(redeemed.code);
      ctx.body = {
        access_token: issued.token,
        token_type: 'bearer',
        expires_in: issued.expiresAt
          ? Math.round((issued.expiresAt.getTime() - state.now().getTime()) / 1000)
          : undefined,
      };
    },
  );

  router.get('/:version/debug_token', operation(deps, 'graph.debug_token', 'graph'), async (ctx) => {
    const caller = await bearer(ctx);
    if (!caller) throw missingToken();
    if (!state.isAppToken(caller)) {
      const check = state.checkToken(caller);
      if (!check.ok || check.token.appId !== state.apps.appId)
        throw invalidToken(check.ok ? undefined : check.expiredAt);
    }
    const input = (await params(ctx)).input_token;
    if (!input) throw invalidParameter('The parameter input_token is required');
    const check = state.checkToken(input);
    const seconds = (d: Date | null) => (d ? Math.floor(d.getTime() / 1000) : 0);
    if (!check.ok || check.token.kind !== 'business') {
      const expiredAt = check.ok ? undefined : check.expiredAt;
      ctx.body = {
        data: {
          error: expiredAt
            ? {
                code: 190,
                message: `Error validating access token: Session has expired on ${expiredAt.toUTCString()}.`,
                subcode: 463,
              }
            : { code: 190, message: 'Invalid OAuth access token.' },
          is_valid: false,
          scopes: [],
        },
      };
      return;
    }
    const token = check.token;
    ctx.body = {
      data: {
        app_id: token.appId,
        type: 'SYSTEM_USER',
        application: state.apps.appName,
        data_access_expires_at: seconds(token.expiresAt),
        expires_at: seconds(token.expiresAt),
        is_valid: true,
        issued_at: seconds(token.issuedAt),
        scopes: token.scopes,
        granular_scopes: [
          { scope: 'whatsapp_business_management', target_ids: token.wabaIds },
          { scope: 'whatsapp_business_messaging', target_ids: token.wabaIds },
          { scope: 'business_management', target_ids: [token.businessId] },
        ],
        user_id: `1${token.businessId.slice(1)}`,
      },
    };
  });

  const subscribedApps = operation(deps, 'graph.subscribed_apps', 'graph');
  async function waba(ctx: Context, next: Next) {
    const token = await businessToken(ctx);
    const wabaId = String(ctx.params.wabaId);
    if (!state.findWaba(wabaId) || !token.wabaIds.includes(wabaId))
      throw unsupportedRequest(ctx.method, wabaId);
    await next();
  }

  router.post('/:version/:wabaId/subscribed_apps', subscribedApps, waba, async (ctx) => {
    const p = await params(ctx);
    const override = p.override_callback_uri;
    if (override !== undefined) {
      if (!/^https:\/\//.test(override))
        throw invalidParameter('Param override_callback_uri must be a valid https URL');
      if (!p.verify_token) throw invalidParameter('The parameter verify_token is required');
    }
    state.subscribeWaba(String(ctx.params.wabaId), state.apps.appId, override ?? null);
    ctx.body = { success: true };
  });

  router.get('/:version/:wabaId/subscribed_apps', subscribedApps, waba, (ctx) => {
    ctx.body = {
      data: state.wabaSubscriptions(String(ctx.params.wabaId)).map((s) => ({
        whatsapp_business_api_data: {
          id: s.appId,
          name: state.apps.appName,
          link: `https://www.facebook.com/games/?app_id=${s.appId}`,
        },
        ...(s.overrideCallbackUri ? { override_callback_uri: s.overrideCallbackUri } : {}),
      })),
    };
  });

  router.delete('/:version/:wabaId/subscribed_apps', subscribedApps, waba, (ctx) => {
    state.unsubscribeWaba(String(ctx.params.wabaId), state.apps.appId);
    ctx.body = { success: true };
  });

  router.post('/:version/:phoneId/register', operation(deps, 'graph.register', 'graph'), async (ctx) => {
    const token = await businessToken(ctx);
    const phoneId = String(ctx.params.phoneId);
    if (!state.findPhoneNumber(phoneId) || !token.phoneNumberIds.includes(phoneId))
      throw unsupportedRequest('post', phoneId);
    const p = await params(ctx);
    if (!p.messaging_product) throw invalidParameter('The parameter messaging_product is required.');
    if (p.messaging_product.toLowerCase() !== 'whatsapp')
      throw invalidParameter(
        `Param messaging_product must be one of {WHATSAPP} - got "${p.messaging_product}".`,
      );
    if (!p.pin) throw invalidParameter('The parameter pin is required.');
    if (!/^\d{6}$/.test(p.pin)) throw invalidParameter('Param pin must be 6 characters long.');
    if (state.register(phoneId, p.pin) === 'pin_mismatch') {
      throw graphError(400, {
        message: '(#133005) Two step verification PIN Mismatch',
        type: 'OAuthException',
        code: 133005,
        error_data: { messaging_product: 'whatsapp', details: 'Two step verification PIN incorrect.' },
      });
    }
    ctx.body = { success: true };
  });

  router.get(
    '/:version/:wabaId/phone_numbers',
    operation(deps, 'graph.phone_number', 'graph'),
    waba,
    async (ctx) => {
      const found = state.findWaba(String(ctx.params.wabaId));
      ctx.body = {
        data: (found?.waba.phoneNumbers ?? []).map((phone) => ({
          id: phone.id,
          display_phone_number: phone.displayPhoneNumber,
          verified_name: phone.verifiedName,
          quality_rating: phone.qualityRating,
        })),
        paging: { cursors: { before: 'QVFIU', after: 'QVFIU' } },
      };
    },
  );

  async function readPhone(ctx: Context, id: string) {
    const token = await businessToken(ctx);
    const found = state.findPhoneNumber(id);
    if (!found || !token.phoneNumberIds.includes(id)) throw unsupportedRequest('get', id);
    const requested = (await params(ctx)).fields;
    const fields = pickFields(requested, PHONE_FIELDS, DEFAULT_PHONE_FIELDS, 'WhatsAppBusinessPhoneNumber');
    const registered = state.isRegistered(id);
    const values: Record<string, unknown> = {
      id,
      display_phone_number: found.phone.displayPhoneNumber,
      verified_name: found.phone.verifiedName,
      quality_rating: found.phone.qualityRating,
      code_verification_status: 'VERIFIED',
      name_status: 'APPROVED',
      platform_type: registered ? 'CLOUD_API' : 'NOT_APPLICABLE',
      status: registered ? 'CONNECTED' : 'PENDING',
      messaging_limit_tier: 'TIER_1K',
      throughput: { level: 'STANDARD' },
      account_mode: 'LIVE',
      is_official_business_account: false,
    };
    ctx.body = Object.fromEntries(fields.map((f) => [f, values[f]]));
  }

  async function readWaba(ctx: Context, id: string) {
    const token = await businessToken(ctx);
    const found = state.findWaba(id);
    if (!found || !token.wabaIds.includes(id)) throw unsupportedRequest('get', id);
    const requested = (await params(ctx)).fields;
    const fields = pickFields(requested, WABA_FIELDS, ['id', 'name'], 'WhatsAppBusinessAccount');
    const values: Record<string, unknown> = {
      id,
      name: found.waba.name,
      currency: 'USD',
      timezone_id: '1',
      message_template_namespace: `sandbox_${id}`,
      account_review_status: 'APPROVED',
    };
    ctx.body = Object.fromEntries(fields.map((f) => [f, values[f]]));
  }

  router.get('/:version/:id', async (ctx) => {
    const id = String(ctx.params.id);
    const isWaba = state.findWaba(id) !== undefined;
    const named = operation(deps, isWaba ? 'graph.waba' : 'graph.phone_number', 'graph');
    await named(ctx, () => (isWaba ? readWaba(ctx, id) : readPhone(ctx, id)));
  });

  return router;
}
