/** The shapes the sandbox state keeps: apps, lifetimes, codes, tokens, dialogs, subscriptions. */

export type SandboxApps = {
  /** The Meta app (WhatsApp, Embedded Signup). */
  appId: string;
  appSecret: string;
  appName: string;
  /** The Facebook Login for Business configuration Embedded Signup launches with. */
  embeddedSignupConfigId: string;
  /** The Instagram-login app. */
  instagramAppId: string;
  instagramAppSecret: string;
  instagramAppName: string;
};

/** Lifetimes, in seconds, as Meta documents them. */
export const LIFETIMES = {
  /** Embedded Signup's exchangeable code: 30 s. */
  embeddedSignupCode: 30,
  /** The business integration system user token (the "60 Expiration Token" configuration). */
  businessToken: 60 * 86_400,
  /** Instagram authorization code: 1 hour. */
  instagramCode: 3_600,
  instagramShortLived: 3_600,
  instagramLongLived: 60 * 86_400,
  /** A long-lived Instagram token can be refreshed once it is 24 h old. */
  instagramRefreshAfter: 86_400,
  /** A consent dialog / signup popup stays usable this long. */
  dialog: 1_800,
} as const;

export type EmbeddedSignupChoice = { businessId: string; wabaId: string; phoneNumberId: string };

type CodeBase = { code: string; appId: string; issuedAt: Date; expiresAt: Date; usedAt: Date | null };
export type IssuedCode =
  | (CodeBase & { kind: 'embedded_signup' } & EmbeddedSignupChoice)
  | (CodeBase & { kind: 'instagram'; userId: string; redirectUri: string; scopes: string[] });

type TokenBase = { token: string; appId: string; issuedAt: Date; expiresAt: Date | null; scopes: string[] };
export type IssuedToken =
  | (TokenBase & { kind: 'business'; businessId: string; wabaIds: string[]; phoneNumberIds: string[] })
  | (TokenBase & { kind: 'instagram_short' | 'instagram_long'; userId: string });

export type EmbeddedSignupDialog = {
  id: string;
  kind: 'embedded_signup';
  appId: string;
  configId: string;
  openerOrigin: string;
  cbt: string;
  featureType: string | null;
  expiresAt: Date;
};
export type InstagramDialog = {
  id: string;
  kind: 'instagram';
  appId: string;
  redirectUri: string;
  scopes: string[];
  state: string | null;
  expiresAt: Date;
};
export type Dialog = EmbeddedSignupDialog | InstagramDialog;

export type CallRecord = { at: string; operation: string; method: string; path: string; status: number };

export type WabaSubscription = { wabaId: string; appId: string; overrideCallbackUri: string | null };
export type InstagramSubscription = { userId: string; appId: string; fields: string[] };

export type CodeProblem = 'unknown' | 'used' | 'expired' | 'redirect_mismatch';

/** Why a token may not be used, or the token. */
export type TokenCheck = { ok: true; token: IssuedToken } | { ok: false; expiredAt?: Date };

/** Which app's webhook: WhatsApp (signed with the Meta app secret) or Instagram (Instagram app secret). */
export type WebhookSource = 'whatsapp' | 'instagram';

/** Where the platform listens for each app's webhooks (null: not set). */
export type WebhookTargets = { whatsappUrl: string | null; instagramUrl: string | null };

/** One webhook POST the sandbox's customer made (with its retries). */
export type WebhookDelivery = {
  /** 1, 2, … in order of sending. */
  id: number;
  at: string;
  source: WebhookSource;
  url: string;
  /** HTTP status of the last attempt; null when it got no answer (refused, timed out). */
  status: number | null;
  /** True when an attempt was answered 2xx. */
  ok: boolean;
  /** Attempts made (1 + retries used). */
  attempts: number;
  /** Why the last attempt failed without an answer. */
  error?: string;
  /** 1…times when the same bytes were sent several times. */
  copy: number;
  bytes: number;
  /** `X-Hub-Signature-256` sent. */
  signature: string;
  /** One line per event in the body. */
  events: string[];
};

/** What the sandbox does after it accepted a send (configuration: `reset()` keeps it). */
export type SendSettings = {
  /**
   * WhatsApp status webhooks emitted after each accepted send, in this order (default
   * `['sent', 'delivered', 'read']`); `[]`: none, the test drives statuses itself.
   */
  statuses: ('sent' | 'delivered' | 'read')[];
  /** Wait before each status webhook (default 50 ms). */
  delayMs: number;
  /** Instagram: emit a `read` messaging event (the customer saw the DM) after each DM (default true). */
  instagramRead: boolean;
  /** Instagram: emit the `is_echo` message event of each DM sent through the API first (default false). */
  instagramEcho: boolean;
  /**
   * The 24-hour window: `known` (default) refuses a send when the sandbox's customer wrote to that
   * number / account more than 24 h ago; `strict` also when the customer never wrote; `off` never.
   */
  window: 'known' | 'strict' | 'off';
};

/** A status webhook the sandbox emitted for a sent message. */
export type EmittedStatus = { status: string; at: string; ok: boolean; error?: string; errorCode?: number };

/** One send the sandbox accepted. */
export type SentMessage = {
  /** 1, 2, … in order of sending. */
  seq: number;
  channel: 'whatsapp' | 'instagram_dm' | 'instagram_comment_reply';
  /** wamid, Instagram mid or the new comment id. */
  providerId: string;
  /** The phone number id or Instagram account id that sent it. */
  from: string;
  /** WhatsApp: the `to` as given; Instagram DM: the IGSID (or `comment:<id>` for a private reply); reply: the comment id. */
  to: string;
  /** WhatsApp: `wa_id` (digits of `to`); Instagram: the recipient's IGSID. */
  recipientId: string;
  text: string;
  /** `context.message_id` (WhatsApp), the comment a private reply or public reply answers. */
  replyTo: string | null;
  /** WhatsApp: `biz_opaque_callback_data` as sent; its sent, delivered and read statuses carry it back. */
  callbackData?: string;
  at: string;
  /** Status webhooks (WhatsApp) or events (Instagram `read`, `echo`) emitted so far. */
  emitted: EmittedStatus[];
};
