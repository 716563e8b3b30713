/** The DNS stand-in answers Node's own resolver as a DNS server would. */
import { Resolver } from 'node:dns/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type DnsStandIn, startDnsStandIn } from './dns-stand-in.ts';

let dns: DnsStandIn;

beforeAll(async () => {
  dns = await startDnsStandIn();
});
afterAll(() => dns.close());

function resolver(timeout = 2000): Resolver {
  const r = new Resolver({ timeout, tries: 1 });
  r.setServers([dns.address]);
  return r;
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'answered',
    (error: NodeJS.ErrnoException) => error.code,
  );

it('answers the TXT records set for a name, in any case, joining nothing itself', async () => {
  dns.setTxt('_laras-verify.Help.Agency.COM.', ['v=1', ['part one ', 'part two'], 'x'.repeat(300)]);
  const records = await resolver().resolveTxt('_laras-verify.help.agency.com');
  expect(records).toEqual([['v=1'], ['part one ', 'part two'], ['x'.repeat(255), 'x'.repeat(45)]]);
  expect(dns.questions()).toContainEqual({ name: '_laras-verify.help.agency.com', type: 16 });
});

it('answers NXDOMAIN for an unknown name and NODATA for a name without TXT records', async () => {
  expect(await codeOf(resolver().resolveTxt('unknown.agency.com'))).toBe('ENOTFOUND');
  dns.setTxt('empty.agency.com', []);
  expect(await codeOf(resolver().resolveTxt('empty.agency.com'))).toBe('ENODATA');
});

it('fails a name with SERVFAIL or REFUSED, or by not answering, until cleared', async () => {
  dns.setTxt('flaky.agency.com', ['ok']);
  dns.fail('flaky.agency.com', 'servfail');
  expect(await codeOf(resolver().resolveTxt('flaky.agency.com'))).toBe('ESERVFAIL');
  dns.fail('flaky.agency.com', 'refused');
  expect(await codeOf(resolver().resolveTxt('flaky.agency.com'))).toBe('EREFUSED');
  dns.fail('flaky.agency.com', 'silence');
  expect(await codeOf(resolver(200).resolveTxt('flaky.agency.com'))).toBe('ETIMEOUT');
  dns.clear('flaky.agency.com');
  expect(await codeOf(resolver().resolveTxt('flaky.agency.com'))).toBe('ENOTFOUND');
});
