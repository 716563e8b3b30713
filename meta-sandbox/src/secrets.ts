import { randomBytes, randomInt } from 'node:crypto';

/** An opaque token or code with a Meta-like prefix (`EAA…` Facebook, `IGAA…` Instagram, `AQ…` codes). */
export function opaque(prefix: string, bytes = 48): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

/** A fresh numeric id of `digits` digits (no leading zero), the shape of Meta's object ids. */
export function numericId(digits = 15): string {
  let id = String(randomInt(1, 10));
  while (id.length < digits) id += String(randomInt(0, 10));
  return id;
}

/** What the admin API shows of a token or code: a short prefix, never the whole value. */
export function redact(secret: string): string {
  return `${secret.slice(0, 8)}…`;
}
