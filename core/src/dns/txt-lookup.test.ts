import { type DnsStandIn, startDnsStandIn } from '@laras/testkit/dns-stand-in';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { lookupTxt } from './txt-lookup.ts';

let dns: DnsStandIn;
const config = () => ({ servers: [dns.address], timeoutMs: 300 });

beforeAll(async () => {
  dns = await startDnsStandIn();
});
afterAll(() => dns.close());

it('finds the TXT records of a name, each record one string', async () => {
  dns.setTxt('_v.found.example.net', ['a=1', ['long ', 'record']]);
  expect(await lookupTxt(config(), '_v.found.example.net')).toEqual({
    status: 'found',
    records: ['a=1', 'long record'],
  });
});

it('finds none for an unknown name or a name without TXT records', async () => {
  expect(await lookupTxt(config(), '_v.unknown.example.net')).toEqual({ status: 'none' });
  dns.setTxt('_v.empty.example.net', []);
  expect(await lookupTxt(config(), '_v.empty.example.net')).toEqual({ status: 'none' });
  // Longer than DNS allows (a 240-character hostname under the verification label): no record can exist.
  const tooLong = `_laras-verify.${Array.from({ length: 4 }, () => 'a'.repeat(59)).join('.')}.example.net`;
  expect(await lookupTxt(config(), tooLong)).toEqual({ status: 'none' });
});

it('fails, with a reason, on SERVFAIL, REFUSED, an unreachable server or no answer in time', async () => {
  dns.fail('_v.servfail.example.net', 'servfail');
  expect(await lookupTxt(config(), '_v.servfail.example.net')).toEqual({
    status: 'failed',
    reason: 'SERVFAIL',
  });
  dns.fail('_v.refused.example.net', 'refused');
  expect(await lookupTxt(config(), '_v.refused.example.net')).toEqual({
    status: 'failed',
    reason: 'REFUSED',
  });
  const unreachable = await lookupTxt({ servers: ['127.0.0.1:1'], timeoutMs: 300 }, '_v.any.example.net');
  expect(unreachable.status).toBe('failed');
  dns.fail('_v.silent.example.net', 'silence');
  const started = Date.now();
  expect(await lookupTxt(config(), '_v.silent.example.net')).toEqual({
    status: 'failed',
    reason: 'timed out',
  });
  expect(Date.now() - started).toBeLessThan(2000);
});

it('reads a fresh answer every time (no cache between lookups)', async () => {
  dns.setTxt('_v.changing.example.net', ['before']);
  expect(await lookupTxt(config(), '_v.changing.example.net')).toMatchObject({ records: ['before'] });
  dns.setTxt('_v.changing.example.net', ['after']);
  expect(await lookupTxt(config(), '_v.changing.example.net')).toMatchObject({ records: ['after'] });
});
