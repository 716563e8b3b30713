/**
 * Proof that a partner controls a portal hostname before it may add it: whoever serves a hostname
 * brands its sign-in page and takes its sign-ins, so the first partner to type a hostname must not
 * get it. The proof is a DNS TXT record at `_laras-verify.<hostname>` carrying the partner's own
 * value; another partner's value never counts. Names nobody can own on the public internet need none.
 */
import type { DnsConfig } from '../config/index.ts';
import { lookupTxt } from '../dns/index.ts';
import { AppError } from '../errors/index.ts';

/** The label the verification record sits under: `_laras-verify.<hostname>`. */
const VERIFICATION_RECORD_LABEL = '_laras-verify';

/** The name of the TXT record that proves control of `hostname`. */
export function verificationRecordName(hostname: string): string {
  return `${VERIFICATION_RECORD_LABEL}.${hostname}`;
}

/** The value a partner's verification records carry, from its stored token. */
export function verificationValue(token: string): string {
  return `laras-site-verification=${token}`;
}

/** RFC 2606 / RFC 6761 top-level names: never delegated on the public internet. */
const RESERVED_TLDS = ['localhost', 'test', 'example', 'invalid'];
/** RFC 2606 second-level names, held by IANA for documentation. */
const RESERVED_DOMAINS = ['example.com', 'example.net', 'example.org'];

/** Whether nobody can own `hostname` (normalised) on the public internet, so it needs no proof. */
export function isReservedHostname(hostname: string): boolean {
  const tld = hostname.slice(hostname.lastIndexOf('.') + 1);
  if (RESERVED_TLDS.includes(tld)) return true;
  return RESERVED_DOMAINS.some((domain) => hostname === domain || hostname.endsWith(`.${domain}`));
}

/** A hostname to verify, with its index in the request's `portal_hostnames`. */
export type HostnameToVerify = { hostname: string; index: number };

/**
 * Checks each hostname's TXT record for `value` (all at once); throws the first hostname that lacks
 * it (400 `hostname_not_verified`, every such hostname listed in `issues`), else the first whose
 * lookup failed (503 `service_unavailable`: a retry may succeed, a missing record will not).
 * Answers the records read at each hostname's verification name (trimmed), which also say whether
 * another partner holding the hostname still proves control of it.
 */
export async function verifyHostnames(
  dns: DnsConfig,
  value: string,
  hostnames: readonly HostnameToVerify[],
): Promise<Map<string, string[]>> {
  const results = await Promise.all(
    hostnames.map(async (entry) => ({
      ...entry,
      recordName: verificationRecordName(entry.hostname),
      lookup: await lookupTxt(dns, verificationRecordName(entry.hostname)),
    })),
  );
  const unverified = results.flatMap((result) => {
    const { lookup, hostname, recordName, index } = result;
    if (
      lookup.status === 'failed' ||
      (lookup.status === 'found' && lookup.records.some((record) => record.trim() === value))
    )
      return [];
    const found =
      lookup.status === 'none'
        ? `there is no TXT record at "${recordName}"`
        : `the TXT records at "${recordName}" do not include this partner's value`;
    const message = `"${hostname}" is not verified: ${found}. Add a TXT record named "${recordName}" with the value "${value}" at the DNS provider of ${hostname}, then try again.`;
    return [{ path: `portal_hostnames[${index}]`, message }];
  });
  const [first] = unverified;
  if (first) {
    throw new AppError('hostname_not_verified', first.message, { param: first.path, issues: unverified });
  }
  const failed = results.find((result) => result.lookup.status === 'failed');
  if (failed?.lookup.status === 'failed') {
    throw new AppError(
      'service_unavailable',
      `Could not look up the TXT record "${failed.recordName}" to verify "${failed.hostname}" (DNS: ${failed.lookup.reason}). Nothing was changed; try again shortly.`,
      { param: `portal_hostnames[${failed.index}]` },
    );
  }
  return new Map(
    results.map(({ hostname, lookup }) => [
      hostname,
      lookup.status === 'found' ? lookup.records.map((record) => record.trim()) : [],
    ]),
  );
}
