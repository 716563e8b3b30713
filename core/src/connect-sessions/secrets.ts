import { createHash, randomBytes } from 'node:crypto';

/** A 256-bit random secret, URL-safe; only its hash is stored. */
export function newSecret(): { value: string; hash: string } {
  const value = randomBytes(32).toString('base64url');
  return { value, hash: hashSecret(value) };
}

export function hashSecret(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;
