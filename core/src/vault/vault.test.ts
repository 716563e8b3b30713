import { describe, expect, it } from 'vitest';
import { generateKeyEntry, KeyRingError, parseKeyRing } from './key-ring.ts';
import { keyVersionOf, open, seal, VaultError } from './vault.ts';

const k1 = generateKeyEntry(1);
const k2 = generateKeyEntry(2);
const token = 'EAAG-business-token-0123456789';

describe('token vault', () => {
  it('round-trips and never contains the plaintext', () => {
    const ring = parseKeyRing(k1);
    const sealed = seal(ring, token, 'connection:con_1');
    expect(sealed.keyVersion).toBe(1);
    expect(sealed.ciphertext).not.toContain(token);
    expect(sealed.ciphertext).toMatch(/^v1\.1\./);
    expect(open(ring, sealed.ciphertext, 'connection:con_1')).toBe(token);
  });

  it('uses a fresh nonce each time', () => {
    const ring = parseKeyRing(k1);
    expect(seal(ring, token, 'a').ciphertext).not.toBe(seal(ring, token, 'a').ciphertext);
  });

  it('refuses a ciphertext bound to another owner', () => {
    const ring = parseKeyRing(k1);
    const sealed = seal(ring, token, 'connection:con_1');
    expect(() => open(ring, sealed.ciphertext, 'connection:con_2')).toThrow(VaultError);
  });

  it('fails loudly on tampering with any part', () => {
    const ring = parseKeyRing(k1);
    const parts = seal(ring, token, 'x').ciphertext.split('.');
    for (const index of [2, 3, 4]) {
      const tampered = [...parts];
      const part = tampered[index] ?? '';
      const flipped = part.at(-2) === 'A' ? 'B' : 'A';
      tampered[index] = `${part.slice(0, -2)}${flipped}${part.slice(-1)}`;
      expect(() => open(ring, tampered.join('.'), 'x'), `part ${index}`).toThrow(VaultError);
    }
    expect(() => open(ring, 'garbage', 'x')).toThrow(VaultError);
  });

  it('refuses the wrong key', () => {
    const sealed = seal(parseKeyRing(k1), token, 'x');
    const other = parseKeyRing(generateKeyEntry(1));
    expect(() => open(other, sealed.ciphertext, 'x')).toThrow(VaultError);
  });

  it('keeps decrypting with old keys after the ring rotates, and encrypts with the new one', () => {
    const old = seal(parseKeyRing(k1), token, 'x');
    const rotated = parseKeyRing(`${k2},${k1}`);
    expect(open(rotated, old.ciphertext, 'x')).toBe(token);
    const fresh = seal(rotated, token, 'x');
    expect(keyVersionOf(fresh.ciphertext)).toBe(2);
    expect(() => open(parseKeyRing(k2), old.ciphertext, 'x')).toThrow(/no key with version 1/);
  });

  it('rejects bad key rings without echoing key material', () => {
    expect(() => parseKeyRing('1:c2hvcnQ=')).toThrow(KeyRingError);
    expect(() => parseKeyRing(`${k1},${k1}`)).toThrow(/twice/);
    expect(() => parseKeyRing('zero:abc')).toThrow(KeyRingError);
    try {
      parseKeyRing('1:c2hvcnQ=');
    } catch (error) {
      expect(String(error)).not.toContain('c2hvcnQ');
    }
  });
});
