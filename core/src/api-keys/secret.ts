import { createHash, randomBytes } from 'node:crypto';

export type ApiKeyMode = 'test' | 'live';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const SECRET_LENGTH = 40;

/** What a well-formed key looks like; anything else is rejected before touching the database. */
export const API_KEY_PATTERN = /^lrs_(test|live)_[A-Za-z0-9]{40}$/;

/** sha256 of the whole key, hex. Keys are long random strings, so a fast hash is the right tool. */
export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

function randomToken(length: number): string {
  // Rejection sampling keeps every character equally likely.
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % ALPHABET.length];
    }
  }
  return out;
}

/** A new key: the secret (shown once), the prefix kept for display, and the hash that is stored. */
export function generateApiKey(mode: ApiKeyMode): { secret: string; prefix: string; hash: string } {
  const secret = `lrs_${mode}_${randomToken(SECRET_LENGTH)}`;
  return { secret, prefix: secret.slice(0, `lrs_${mode}_`.length + 4), hash: hashApiKey(secret) };
}
