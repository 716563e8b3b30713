/**
 * Meta's webhook signatures: `X-Hub-Signature-256: sha256=<hex>`, an HMAC-SHA256 of the exact
 * bytes received keyed with the app secret. Meta signs its escaped-unicode serialisation, so only
 * the raw bytes verify, never a re-serialised parse.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const HEADER = /^sha256=([0-9a-f]{64})$/i;

/** The header value Meta would send for `rawBody` (for the sandbox and tests). */
export function signMetaPayload(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/**
 * True when `header` is `sha256=<hex>` and the hex is the HMAC-SHA256 of `rawBody` under
 * `appSecret`, compared in constant time. A missing or malformed header, or an empty secret, is false.
 */
export function verifyMetaSignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  if (!header || !appSecret) return false;
  const match = HEADER.exec(header.trim());
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1], 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Meta's verification handshake (`GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`):
 * the challenge to echo when the mode is `subscribe` and the token is ours, otherwise null.
 */
export function verifyHandshake(query: Record<string, unknown>, verifyToken: string): string | null {
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (mode !== 'subscribe' || typeof token !== 'string' || typeof challenge !== 'string') return null;
  if (!verifyToken || challenge === '' || challenge.length > 256) return null;
  // Hashing first gives equal lengths, so the comparison leaks nothing about the token.
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(token), digest(verifyToken)) ? challenge : null;
}
