import { describe, expect, it } from 'vitest';
import { ipLiteralOf, judgeAddress } from './address-policy.ts';

describe('judgeAddress', () => {
  it.each([['8.8.8.8'], ['93.184.215.14'], ['2606:4700:4700::1111']])(
    'allows the public address %s',
    (address) => {
      expect(judgeAddress(address, false)).toEqual({ allowed: true });
    },
  );

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.254', 'carrierGradeNat'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
  ])('refuses the private address %s (%s) unless private networks are allowed', (address, range) => {
    expect(judgeAddress(address, false)).toEqual({ allowed: false, range, reason: 'private_network' });
    expect(judgeAddress(address, true)).toEqual({ allowed: true });
  });

  it.each([
    ['169.254.169.254', 'linkLocal'],
    ['169.254.0.1', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['febf::1', 'linkLocal'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
  ])('always refuses %s (%s), even with private networks allowed', (address, range) => {
    expect(judgeAddress(address, true)).toEqual({ allowed: false, range, reason: 'forbidden_range' });
    expect(judgeAddress(address, false)).toEqual({ allowed: false, range, reason: 'forbidden_range' });
  });

  it('keeps 172.32/12 and 100.128/10 neighbours public', () => {
    expect(judgeAddress('172.32.0.1', false)).toEqual({ allowed: true });
    expect(judgeAddress('100.128.0.1', false)).toEqual({ allowed: true });
  });

  it('refuses what is not an address', () => {
    expect(judgeAddress('example.com', true)).toMatchObject({ allowed: false, reason: 'not_an_address' });
  });
});

describe('ipLiteralOf', () => {
  it('finds IP literals of URL hostnames, and not names', () => {
    expect(ipLiteralOf('[::1]')).toBe('::1');
    expect(ipLiteralOf('127.0.0.1')).toBe('127.0.0.1');
    expect(ipLiteralOf('hooks.example.com')).toBeUndefined();
  });
});
