/**
 * Verifying the events Laras delivers to a partner's endpoint. Deliveries are signed in the
 * Standard Webhooks format (the one Svix uses), so verification is the `standardwebhooks`
 * library's: the signature over `{id}.{timestamp}.{body}` with the endpoint's `whsec_` secret, any
 * one of several space-separated signatures (secret rotation), and a timestamp within 5 minutes of
 * now (replays of old deliveries fail). Laras's own dispatcher names the headers `webhook-*`; a
 * deployment that publishes through Svix delivers them as `svix-*` (Svix's default), so both are
 * read, as the svix library does.
 */
import { enums } from '@laras/openapi';
import { Webhook } from 'standardwebhooks';
import type { LarasEvent, LarasEventType } from './types.ts';

/** Every event type, in the spec's event catalog order (for pickers and exhaustive handling). */
export const LARAS_EVENT_TYPES: readonly LarasEventType[] = enums.EventType;

/** The delivery's signature, timestamp or body is not what Laras sent, or it is too old. */
export class LarasWebhookVerificationError extends Error {
  override readonly name: string = 'LarasWebhookVerificationError';
}

/** Request headers as Node (`req.headers`) or fetch (`Headers`) give them. */
export type WebhookHeaders =
  | { get(name: string): string | null }
  | Record<string, string | readonly string[] | undefined>;

/** The same three headers under their two names; the unbranded set wins when it is there. */
const HEADER_SETS = [
  { id: 'webhook-id', timestamp: 'webhook-timestamp', signature: 'webhook-signature' },
  { id: 'svix-id', timestamp: 'svix-timestamp', signature: 'svix-signature' },
] as const;

function isHeadersObject(headers: WebhookHeaders): headers is { get(name: string): string | null } {
  return typeof headers.get === 'function';
}

function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  if (isHeadersObject(headers)) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return typeof value === 'string' ? value : value?.join(' ');
}

/**
 * The delivery's id, timestamp and signature under the names `standardwebhooks` reads. The set is
 * chosen by whether any of its headers is there, so a delivery missing one of them is refused
 * rather than completed from the other set.
 */
function signatureHeaders(headers: WebhookHeaders): Record<string, string> {
  const set = HEADER_SETS.find((names) => Object.values(names).some((name) => headerValue(headers, name)));
  if (!set) {
    throw new LarasWebhookVerificationError(
      'The webhook-id, webhook-timestamp and webhook-signature (or svix-*) headers are missing.',
    );
  }
  const found: Record<string, string> = {};
  for (const [field, name] of Object.entries(set)) {
    const value = headerValue(headers, name);
    if (!value) throw new LarasWebhookVerificationError(`The ${name} header is missing.`);
    found[`webhook-${field}`] = value;
  }
  return found;
}

/**
 * The envelope every Laras event has. `workspace_id` is null for events about the partner itself
 * (`webhook_endpoint.disabled`, `portal_hostname.released`); the type is not checked against this
 * SDK's catalog, since Laras may add types (the spec asks receivers to ignore the ones they do not
 * know): an event newer than this SDK is returned too.
 */
function isLarasEvent(value: unknown): value is LarasEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    typeof v.type === 'string' &&
    typeof v.created_at === 'string' &&
    (typeof v.workspace_id === 'string' || v.workspace_id === null) &&
    typeof v.data === 'object' &&
    v.data !== null
  );
}

/**
 * Verifies a delivery and returns its event. Pass the raw request body exactly as received (not
 * re-serialised JSON), the request headers, and the endpoint's `whsec_…` secret. Throws
 * `LarasWebhookVerificationError` when the delivery is not authentic or is too old. Use the
 * returned event's `id` to process each event once: a retry carries the same id. Not the id
 * header: through Svix, `svix-id` is Svix's message id, not the event's. An event of a type this
 * SDK does not list (`LARAS_EVENT_TYPES`) is a newer one: answer it 2xx and ignore it (a `default`
 * branch), or Laras retries it for days.
 */
export function verifyWebhook(payload: string, headers: WebhookHeaders, secret: string): LarasEvent {
  const found = signatureHeaders(headers);
  try {
    new Webhook(secret).verify(payload, found);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LarasWebhookVerificationError(`The webhook could not be verified: ${reason}.`, {
      cause: error,
    });
  }
  const event: unknown = JSON.parse(payload);
  if (!isLarasEvent(event)) throw new LarasWebhookVerificationError('The webhook body is not a Laras event.');
  return event;
}
