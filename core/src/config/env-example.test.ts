import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

/** Every variable the config reads is documented in .env.example. */
it('documents every configuration variable', () => {
  const source = readFileSync(new URL('./config.ts', import.meta.url), 'utf8');
  const example = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
  const read = [...source.matchAll(/^\s{4}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);
  expect(read.length).toBeGreaterThan(10);
  for (const name of read) expect(example, name).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
});
