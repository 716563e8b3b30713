/**
 * The Graph API calls of WhatsApp Embedded Signup onboarding (Tech Provider flow): exchange the
 * code, inspect the token, subscribe the app to the WABA, register the number, read its profile.
 */
import { z } from 'zod';
import type { MetaConfig } from '../config/index.ts';
import { callMeta } from './http.ts';
import { parseMetaResponse } from './parse-response.ts';

const TokenResponse = z.object({ access_token: z.string().min(1) });
const DebugTokenResponse = z.object({
  data: z.object({
    is_valid: z.boolean().optional(),
    expires_at: z.number().optional(),
    granular_scopes: z
      .array(z.object({ scope: z.string(), target_ids: z.array(z.string()).optional() }))
      .optional(),
  }),
});
const SuccessResponse = z.object({ success: z.literal(true) });
const PhoneResponse = z.object({
  id: z.string(),
  display_phone_number: z.string(),
  verified_name: z.string(),
  platform_type: z.string().optional(),
});

export type WhatsAppClient = ReturnType<typeof createWhatsAppClient>;

export function createWhatsAppClient(meta: MetaConfig) {
  const graph = (path: string, query: Record<string, string> = {}) => {
    const url = new URL(`${meta.graphUrl.replace(/\/$/, '')}/${meta.graphVersion}/${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url;
  };
  const timeoutMs = meta.httpTimeoutMs;
  /** The app's subscription to a WABA's webhooks: added (POST) or removed (DELETE). */
  const subscription = async (
    operation: string,
    method: 'POST' | 'DELETE',
    wabaId: string,
    token: string,
  ) => {
    const url = graph(`${wabaId}/subscribed_apps`);
    parseMetaResponse(
      operation,
      SuccessResponse,
      await callMeta({ operation, url, method, token, timeoutMs }),
    );
  };

  return {
    /** Exchanges the Embedded Signup code (30 s TTL) for the business integration system user token. */
    async exchangeCode(code: string): Promise<string> {
      const operation = 'exchange embedded signup code';
      const url = graph('oauth/access_token', { client_id: meta.appId, client_secret: meta.appSecret, code });
      return parseMetaResponse(operation, TokenResponse, await callMeta({ operation, url, timeoutMs }))
        .access_token;
    },

    /** The token's expiry and the WABAs it can reach. */
    async inspectToken(token: string): Promise<{ expiresAt: Date | null; wabaIds: string[] }> {
      const operation = 'debug token';
      const url = graph('debug_token', { input_token: token });
      const body = parseMetaResponse(
        operation,
        DebugTokenResponse,
        await callMeta({ operation, url, token: `${meta.appId}|${meta.appSecret}`, timeoutMs }),
      );
      const wabaIds = new Set<string>();
      for (const scope of body.data.granular_scopes ?? []) {
        if (scope.scope.startsWith('whatsapp_business'))
          for (const id of scope.target_ids ?? []) wabaIds.add(id);
      }
      const expiresAt = body.data.expires_at ? new Date(body.data.expires_at * 1000) : null;
      return { expiresAt, wabaIds: [...wabaIds] };
    },

    /** Makes Meta send the WABA's webhooks to this app. */
    subscribeApp: (wabaId: string, token: string) =>
      subscription('subscribe app to WABA', 'POST', wabaId, token),

    /** Stops Meta sending the WABA's webhooks to this app (the owner disconnected it). */
    unsubscribeApp: (wabaId: string, token: string) =>
      subscription('unsubscribe app from WABA', 'DELETE', wabaId, token),

    async registerPhone(phoneNumberId: string, token: string, pin: string): Promise<void> {
      const operation = 'register phone number';
      const json = { messaging_product: 'whatsapp', pin };
      parseMetaResponse(
        operation,
        SuccessResponse,
        await callMeta({
          operation,
          url: graph(`${phoneNumberId}/register`),
          method: 'POST',
          token,
          json,
          timeoutMs,
        }),
      );
    },

    /** The number's display form and verified name, and whether it is already on the Cloud API. */
    async phoneInfo(
      phoneNumberId: string,
      token: string,
    ): Promise<{ displayPhoneNumber: string; verifiedName: string; registered: boolean }> {
      const operation = 'read phone number';
      const url = graph(phoneNumberId, { fields: 'display_phone_number,verified_name,platform_type' });
      const body = parseMetaResponse(
        operation,
        PhoneResponse,
        await callMeta({ operation, url, token, timeoutMs }),
      );
      return {
        displayPhoneNumber: body.display_phone_number,
        verifiedName: body.verified_name,
        registered: body.platform_type === 'CLOUD_API',
      };
    },
  };
}
