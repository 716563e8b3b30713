import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

const Payload = z.object({
  algorithm: z.string(),
  user_id: z.union([z.string(), z.number()]).transform(String),
  issued_at: z.number().optional(),
  expires: z.number().optional(),
});
export type SignedRequestPayload = z.infer<typeof Payload>;

/**
 * Verifies Meta's `signed_request` (`<sig>.<payload>`, base64url without padding): HMAC-SHA256 of the
 * payload segment as received, keyed with the app secret, compared in constant time. Returns the
 * payload, or undefined for anything malformed, unsigned or signed with another secret (or when
 * the secret is empty, which anyone could sign with).
 */
export function verifySignedRequest(
  signedRequest: string,
  appSecret: string,
): SignedRequestPayload | undefined {
  const dot = signedRequest.indexOf('.');
  if (!appSecret || dot <= 0 || signedRequest.length > 8192) return undefined;
  const signature = Buffer.from(signedRequest.slice(0, dot), 'base64url');
  const payloadSegment = signedRequest.slice(dot + 1);
  const expected = createHmac('sha256', appSecret).update(payloadSegment, 'utf8').digest();
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payloadSegment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const payload = Payload.safeParse(json);
  if (!payload.success || payload.data.algorithm.toUpperCase() !== 'HMAC-SHA256') return undefined;
  return payload.data;
}

/** Signs a payload the way Meta does (for the sandbox and tests). */
export function signRequest(payload: Record<string, unknown>, appSecret: string): string {
  const segment = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  const signature = createHmac('sha256', appSecret).update(segment, 'utf8').digest('base64url');
  return `${signature}.${segment}`;
}
