/**
 * Which network addresses partner webhooks may go to (SSRF protection). Only ordinary public
 * unicast addresses are allowed; loopback, private (10/8, 172.16/12, 192.168/16), shared 100.64/10
 * and unique-local fc00::/7 only with `allowPrivateNetworks` (local development); link-local
 * (169.254/16 with the cloud metadata address, fe80::/10), unspecified, multicast, broadcast,
 * reserved and tunnelling ranges never. IPv4-mapped IPv6 addresses are judged as the IPv4 address.
 */
import ipaddr from 'ipaddr.js';

/** Ranges a development setup may reach with `allowPrivateNetworks`. */
const PRIVATE_RANGES = new Set(['loopback', 'private', 'carrierGradeNat', 'uniqueLocal']);

export type AddressVerdict =
  | { allowed: true }
  | { allowed: false; range: string; reason: 'private_network' | 'forbidden_range' | 'not_an_address' };

/** Whether a webhook may connect to `address` (an IPv4 or IPv6 literal, without brackets). */
export function judgeAddress(address: string, allowPrivateNetworks: boolean): AddressVerdict {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) return { allowed: false, range: 'invalid', reason: 'not_an_address' };
  // process() turns ::ffff:a.b.c.d into a.b.c.d, so a mapped address gets the IPv4 verdict.
  const range = ipaddr.process(bare).range();
  if (range === 'unicast') return { allowed: true };
  if (PRIVATE_RANGES.has(range)) {
    return allowPrivateNetworks ? { allowed: true } : { allowed: false, range, reason: 'private_network' };
  }
  return { allowed: false, range, reason: 'forbidden_range' };
}

/** A hostname that is an IP literal (brackets of IPv6 URLs removed), or undefined for a name. */
export function ipLiteralOf(hostname: string): string | undefined {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return ipaddr.isValid(bare) ? bare : undefined;
}
