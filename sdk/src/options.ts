/** The options of `createLaras`, checked once so a misconfigured client fails at start, not mid-call. */
import type { FetchFunction } from './transport.ts';

type CommonOptions = {
  /**
   * The API's origin (optionally with a path prefix), e.g. `https://api.laras.example`; in a page
   * served by the API itself (the portal), `window.location.origin`.
   */
  baseUrl: string;
  /** Limit for one attempt, from sending to the last byte of the response. Default 30 000 ms. */
  timeoutMs?: number;
  /** Retries after the first attempt (see the README for which failures are retried). Default 2. */
  maxRetries?: number;
  /** The longest `Retry-After` waited for; a longer one returns the response at once. Default 60 000 ms. */
  maxRetryAfterMs?: number;
  /** A fetch implementation taking a Request (proxies, tests). Default: the global `fetch`. */
  fetch?: FetchFunction;
  /** Sent as `User-Agent`. Default `laras-sdk/<version>` outside browsers; browsers set their own. */
  userAgent?: string;
};

/** Partner mode: every call carries the partner API key. */
export type LarasKeyOptions = CommonOptions & {
  /** A partner API key: `lrs_test_…` or `lrs_live_…`. */
  apiKey: string;
  session?: false;
  csrfToken?: never;
};

/**
 * Portal session mode, for a browser page signed in with `createSession`: no API key; the browser
 * sends the httpOnly `laras_session` cookie (`credentials: 'include'`), and every request that is
 * not GET or HEAD carries `X-CSRF-Token` from `csrfToken()`.
 */
export type LarasSessionOptions = CommonOptions & {
  session: true;
  /** The current session's `csrf_token` (from `createSession` / `getCurrentSession`), or undefined. */
  csrfToken?: () => string | undefined;
  apiKey?: never;
};

export type LarasOptions = LarasKeyOptions | LarasSessionOptions;

export type ResolvedAuth =
  | { kind: 'key'; apiKey: string }
  | { kind: 'session'; csrfToken: () => string | undefined };

export type ResolvedOptions = {
  auth: ResolvedAuth;
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  maxRetryAfterMs: number;
  fetch: FetchFunction;
  userAgent: string | undefined;
};

const API_KEY_PATTERN = /^lrs_(test|live)_[A-Za-z0-9]+$/;
/** setTimeout's limit; longer timeouts would fire at once. */
const MAX_TIMEOUT_MS = 2_147_483_647;
const MAX_RETRIES = 10;

function invalid(message: string): TypeError {
  return new TypeError(`@laras/sdk: ${message}`);
}

function checkApiKey(apiKey: unknown): string {
  if (typeof apiKey !== 'string' || apiKey === '') throw invalid('apiKey is required.');
  if (apiKey.trim() !== apiKey) throw invalid('apiKey has surrounding whitespace; trim it.');
  // Never echo the key: it is a secret even when malformed.
  if (!API_KEY_PATTERN.test(apiKey)) {
    throw invalid('apiKey must be a Laras partner API key, starting with lrs_test_ or lrs_live_.');
  }
  return apiKey;
}

function checkAuth(options: LarasOptions): ResolvedAuth {
  if (options.session === undefined || options.session === false) {
    if (options.csrfToken !== undefined) throw invalid('csrfToken is only for session mode (session: true).');
    return { kind: 'key', apiKey: checkApiKey(options.apiKey) };
  }
  if (options.session !== true) throw invalid('session must be true or false.');
  if (options.apiKey !== undefined) {
    throw invalid('apiKey and session: true exclude each other: a browser page must never hold an API key.');
  }
  const csrfToken = options.csrfToken ?? (() => undefined);
  if (typeof csrfToken !== 'function') throw invalid('csrfToken must be a function returning the token.');
  return { kind: 'session', csrfToken };
}

function checkBaseUrl(baseUrl: unknown): string {
  const example = 'e.g. https://api.laras.example or http://localhost:3000';
  if (typeof baseUrl !== 'string' || !URL.canParse(baseUrl)) {
    throw invalid(`baseUrl must be an absolute http(s) URL, ${example}.`);
  }
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(`baseUrl must use http or https, not ${url.protocol.slice(0, -1)} (${example}).`);
  }
  if (url.username || url.password) throw invalid('baseUrl must not contain credentials; use apiKey.');
  if (url.search || url.hash) throw invalid('baseUrl must not have a query or fragment.');
  return url.href.replace(/\/+$/, '');
}

function checkNumber(name: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(`${name} must be an integer from ${min} to ${max}.`);
  }
  return value;
}

/** Checks the options and fills in the defaults; throws a TypeError naming the bad option. */
export function resolveOptions(options: LarasOptions, defaultUserAgent: string): ResolvedOptions {
  if (typeof options !== 'object' || options === null) throw invalid('createLaras needs an options object.');
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw invalid('fetch must be a function taking a Request.');
  }
  if (options.userAgent !== undefined && (typeof options.userAgent !== 'string' || !options.userAgent)) {
    throw invalid('userAgent must be a non-empty string.');
  }
  const inBrowser = 'document' in globalThis;
  return {
    auth: checkAuth(options),
    baseUrl: checkBaseUrl(options.baseUrl),
    timeoutMs: checkNumber('timeoutMs', options.timeoutMs, 30_000, 1, MAX_TIMEOUT_MS),
    maxRetries: checkNumber('maxRetries', options.maxRetries, 2, 0, MAX_RETRIES),
    maxRetryAfterMs: checkNumber('maxRetryAfterMs', options.maxRetryAfterMs, 60_000, 0, MAX_TIMEOUT_MS),
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
    userAgent: options.userAgent ?? (inBrowser ? undefined : defaultUserAgent),
  };
}
