import { expect, it } from 'vitest';
import { isReservedHostname, verificationRecordName, verificationValue } from './hostname-verification.ts';

it.each([
  'localhost',
  'portal.localhost',
  'kopi.laras.test',
  'a.example',
  'x.invalid',
  'example.com',
  'help.example.com',
  'example.net',
  'a.b.example.org',
])('needs no proof for %s, which nobody can own', (host) => {
  expect(isReservedHostname(host)).toBe(true);
});

it.each([
  'help.agency.com',
  'notexample.com',
  'example.com.agency.net',
  'example.co',
  'test.agency.com',
  'localhost.agency.com',
  'portal.testing',
  'portal.examples',
  'example.io',
])('needs proof for %s', (host) => {
  expect(isReservedHostname(host)).toBe(false);
});

it('names the record under the hostname and prefixes the value', () => {
  expect(verificationRecordName('help.agency.com')).toBe('_laras-verify.help.agency.com');
  expect(verificationValue('0123')).toBe('laras-site-verification=0123');
});
