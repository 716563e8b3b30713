import { Webhook } from 'standardwebhooks';

/**
 * The Standard Webhooks headers of one delivery: `webhook-signature` holds one `v1,` signature per
 * secret (two during a rotation's overlap), space-separated, as the svix/standardwebhooks
 * verifiers expect.
 */
export function signedHeaders(
  eventId: string,
  timestamp: Date,
  body: string,
  secrets: readonly string[],
): Record<string, string> {
  return {
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': secrets
      .map((secret) => new Webhook(secret).sign(eventId, timestamp, body))
      .join(' '),
  };
}
