/**
 * The token vault: AES-256-GCM with a random 96-bit nonce per encryption and associated data that
 * binds a ciphertext to what it belongs to (e.g. `connection:con_…`), so a ciphertext copied onto
 * another row does not decrypt. The format names the key version, so old keys keep decrypting
 * after rotation: `v1.<key version>.<nonce>.<ciphertext>.<tag>` (base64url parts).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyRing } from './key-ring.ts';

const FORMAT = 'v1';

/** Decryption failed: wrong key, unknown key version, tampered or mis-bound ciphertext. */
export class VaultError extends Error {}

export type Sealed = { ciphertext: string; keyVersion: number };

export function seal(ring: KeyRing, plaintext: string, associatedData: string): Sealed {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', ring.active.key, nonce);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const parts = [nonce, body, cipher.getAuthTag()].map((b) => b.toString('base64url'));
  return {
    ciphertext: [FORMAT, String(ring.active.version), ...parts].join('.'),
    keyVersion: ring.active.version,
  };
}

export function open(ring: KeyRing, ciphertext: string, associatedData: string): string {
  const [format, versionText, nonce, body, tag, ...rest] = ciphertext.split('.');
  if (
    format !== FORMAT ||
    !versionText ||
    nonce === undefined ||
    body === undefined ||
    !tag ||
    rest.length > 0
  ) {
    throw new VaultError('not a vault ciphertext');
  }
  const key = ring.keys.get(Number(versionText));
  if (!key) throw new VaultError(`no key with version ${versionText} in the key ring`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new VaultError('ciphertext failed authentication (tampered, wrong key or wrong owner)');
  }
}

/** The version a ciphertext was sealed with, without decrypting it. */
export function keyVersionOf(ciphertext: string): number | undefined {
  const version = Number(ciphertext.split('.')[1]);
  return Number.isInteger(version) ? version : undefined;
}
