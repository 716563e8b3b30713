import { randomBytes } from 'node:crypto';

/** A Standard Webhooks signing secret: `whsec_` and base64 of 32 random bytes. */
export function generateEndpointSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** What the vault binds an endpoint's secrets to, so a ciphertext moved to another row fails. */
export function secretBinding(endpointId: string): string {
  return `webhook_endpoint:${endpointId}`;
}

/** How long the previous secret keeps signing after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;
