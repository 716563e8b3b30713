/** Instagram API with Instagram Login: authorize URL, code → short-lived → long-lived token, /me, subscribe, refresh. */
import { z } from 'zod';
import type { MetaConfig } from '../config/index.ts';
import { callMeta } from './http.ts';
import { parseMetaResponse } from './parse-response.ts';

export const INSTAGRAM_SCOPES = [
  'instagram_business_basic',
  'instagram_business_manage_messages',
  'instagram_business_manage_comments',
];

// The doc example wraps the short-lived token in `data: [...]`; implementations read it flat. Accept both.
const ShortLived = z.union([
  z.object({ access_token: z.string().min(1) }),
  z.object({ data: z.array(z.object({ access_token: z.string().min(1) })).min(1) }),
]);
const LongLived = z.object({ access_token: z.string().min(1), expires_in: z.number().optional() });
const MetaId = z.union([z.string(), z.number()]).transform(String);
const Me = z.object({
  // The app-scoped id; Graph answers it on every read. Optional so a missing one never blocks a connect.
  id: MetaId.optional(),
  user_id: MetaId,
  username: z.string(),
  account_type: z.string().optional(),
});
const Success = z.object({ success: z.literal(true) });

export type InstagramClient = ReturnType<typeof createInstagramClient>;
export type LongLivedToken = { token: string; expiresAt: Date | null };
export type InstagramAccount = {
  accountId: string;
  appScopedId: string | null;
  username: string;
  accountType: string;
};

export function createInstagramClient(meta: MetaConfig) {
  const timeoutMs = meta.httpTimeoutMs;
  const at = (base: string, path: string, query: Record<string, string> = {}) => {
    const url = new URL(`${base.replace(/\/$/, '')}/${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url;
  };
  const toLongLived = (body: z.infer<typeof LongLived>): LongLivedToken => ({
    token: body.access_token,
    expiresAt: body.expires_in ? new Date(Date.now() + body.expires_in * 1000) : null,
  });

  return {
    authorizeUrl(redirectUri: string, state: string): string {
      return at(meta.instagramOauthUrl, 'oauth/authorize', {
        client_id: meta.instagramAppId,
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: INSTAGRAM_SCOPES.join(','),
        state,
      }).toString();
    },

    async exchangeCode(code: string, redirectUri: string): Promise<string> {
      const operation = 'exchange instagram code';
      const body = await callMeta({
        operation,
        url: at(meta.instagramApiUrl, 'oauth/access_token'),
        method: 'POST',
        form: {
          client_id: meta.instagramAppId,
          client_secret: meta.instagramAppSecret,
          grant_type: 'authorization_code',
          redirect_uri: redirectUri,
          code: code.replace(/#_$/, ''),
        },
        timeoutMs,
      });
      const parsed = parseMetaResponse(operation, ShortLived, body);
      return 'data' in parsed ? (parsed.data[0]?.access_token ?? '') : parsed.access_token;
    },

    async longLived(shortLivedToken: string): Promise<LongLivedToken> {
      const operation = 'exchange long-lived instagram token';
      const url = at(meta.instagramGraphUrl, 'access_token', {
        grant_type: 'ig_exchange_token',
        client_secret: meta.instagramAppSecret,
        access_token: shortLivedToken,
      });
      return toLongLived(
        parseMetaResponse(operation, LongLived, await callMeta({ operation, url, timeoutMs })),
      );
    },

    async refresh(longLivedToken: string): Promise<LongLivedToken> {
      const operation = 'refresh instagram token';
      const url = at(meta.instagramGraphUrl, 'refresh_access_token', {
        grant_type: 'ig_refresh_token',
        access_token: longLivedToken,
      });
      return toLongLived(
        parseMetaResponse(operation, LongLived, await callMeta({ operation, url, timeoutMs })),
      );
    },

    /**
     * The connected account: `user_id` is the Instagram professional account id (what webhooks
     * route by); `id` is the app-scoped id, which Meta's deauthorize and data-deletion callbacks
     * may name instead.
     */
    async me(token: string): Promise<InstagramAccount> {
      const operation = 'read instagram account';
      const url = at(meta.instagramGraphUrl, `${meta.graphVersion}/me`, {
        fields: 'id,user_id,username,account_type,profile_picture_url,name',
      });
      const body = parseMetaResponse(operation, Me, await callMeta({ operation, url, token, timeoutMs }));
      return {
        accountId: body.user_id,
        appScopedId: body.id ?? null,
        username: body.username,
        accountType: body.account_type ?? 'BUSINESS',
      };
    },

    async subscribe(token: string): Promise<void> {
      const operation = 'subscribe instagram webhooks';
      const url = at(meta.instagramGraphUrl, `${meta.graphVersion}/me/subscribed_apps`, {
        subscribed_fields: 'comments,messages',
      });
      parseMetaResponse(
        operation,
        Success,
        await callMeta({ operation, url, method: 'POST', token, timeoutMs }),
      );
    },

    /** Stops Meta sending the account's webhooks to this app (the owner disconnected it). */
    async unsubscribe(token: string): Promise<void> {
      const operation = 'unsubscribe instagram webhooks';
      const url = at(meta.instagramGraphUrl, `${meta.graphVersion}/me/subscribed_apps`, {});
      parseMetaResponse(
        operation,
        Success,
        await callMeta({ operation, url, method: 'DELETE', token, timeoutMs }),
      );
    },
  };
}
