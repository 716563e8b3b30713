import { expect, it } from 'vitest';
import { normaliseHostname } from './types.ts';

it.each([
  ['Portal.Acme.COM', 'portal.acme.com'],
  ['portal.acme.com.', 'portal.acme.com'],
  ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
  ['localhost', 'localhost'],
])('accepts %s as %s', (input, expected) => {
  expect(normaliseHostname(input)).toBe(expected);
});

it.each([
  'https://portal.acme.com',
  'portal.acme.com:8080',
  'portal.acme.com/path',
  '192.168.1.10',
  '::1',
  '*.acme.com',
  '-bad.acme.com',
  'bad-.acme.com',
  'nodots',
  `${'a'.repeat(64)}.com`,
  '',
])('rejects %s', (input) => {
  expect(normaliseHostname(input)).toBeUndefined();
});
