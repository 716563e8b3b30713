export { generateKeyEntry, type KeyRing, KeyRingError, parseKeyRing } from './key-ring.ts';
export { keyVersionOf, open, type Sealed, seal, VaultError } from './vault.ts';
