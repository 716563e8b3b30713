import { randomBytes } from 'node:crypto';

export type KeyRing = {
  /** The key new ciphertexts are made with. */
  active: { version: number; key: Buffer };
  keys: ReadonlyMap<number, Buffer>;
};

/** Thrown for an unusable key ring; says what is wrong without printing key material. */
export class KeyRingError extends Error {}

/** Parses `2:base64key,1:base64oldkey` (first is active). Every key must be 32 bytes. */
export function parseKeyRing(spec: string): KeyRing {
  const keys = new Map<number, Buffer>();
  let active: KeyRing['active'] | undefined;
  for (const part of spec.split(',')) {
    const [versionText, encoded] = part.trim().split(':', 2);
    const version = Number(versionText);
    if (!Number.isInteger(version) || version < 1 || !encoded) {
      throw new KeyRingError('LARAS_ENCRYPTION_KEYS: each entry is VERSION:BASE64KEY with VERSION ≥ 1');
    }
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== 32) throw new KeyRingError(`LARAS_ENCRYPTION_KEYS: key ${version} is not 32 bytes`);
    if (keys.has(version)) throw new KeyRingError(`LARAS_ENCRYPTION_KEYS: version ${version} appears twice`);
    keys.set(version, key);
    active ??= { version, key };
  }
  if (!active) throw new KeyRingError('LARAS_ENCRYPTION_KEYS is empty');
  return { active, keys };
}

/** A fresh key entry for the ring, `VERSION:BASE64`. */
export function generateKeyEntry(version: number): string {
  return `${version}:${randomBytes(32).toString('base64')}`;
}
