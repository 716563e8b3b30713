/**
 * The Svix client as Laras uses it: a timeout on every request and no retries of its own, because
 * the publisher retries from Postgres with its own backoff (one Svix call per attempt, so attempts
 * are counted and recorded). The API key goes only into the client, never into a log line.
 */
import { Svix } from 'svix';
import type { SvixConfig } from '../config/index.ts';

/** How long one call to Svix may take. */
export const SVIX_TIMEOUT_MS = 15_000;

/** A Svix client for the configured server (Svix's hosted API by default). */
export function createSvixClient(config: SvixConfig, options: { timeoutMs?: number } = {}): Svix {
  return new Svix(config.apiKey, {
    ...(config.serverUrl ? { serverUrl: config.serverUrl } : {}),
    requestTimeout: options.timeoutMs ?? SVIX_TIMEOUT_MS,
    // An empty schedule, not `numRetries: 0`: the client treats 0 as unset and retries twice.
    retryScheduleInMs: [],
  });
}
