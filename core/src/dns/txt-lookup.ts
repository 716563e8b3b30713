/**
 * TXT lookups for proofs of control (a portal hostname's verification record). Each lookup gets a
 * resolver of its own: c-ares caches answers per resolver, and a proof must be read fresh. The
 * servers come from configuration (tests and the demo point them at a local stand-in); the whole
 * lookup is bounded by `timeoutMs`, however the resolver retries.
 */
import { Resolver } from 'node:dns/promises';
import type { DnsConfig } from '../config/index.ts';

/**
 * What a TXT lookup found: the records (each one's strings joined, as RFC 7208 reads a record), none
 * (no such name, or no TXT at it), or no answer to rely on (timeout, SERVFAIL, REFUSED, network).
 */
export type TxtLookup =
  | { status: 'found'; records: string[] }
  | { status: 'none' }
  | { status: 'failed'; reason: string };

/** Codes that mean "the name has no TXT record", not "DNS did not answer". */
// EBADNAME: a name too long for DNS (a 240-character hostname under `_laras-verify.`) can hold no
// record, so asking again would never help.
const NO_RECORD = new Set(['ENOTFOUND', 'ENODATA', 'EBADNAME']);

/** Reasons a partner can act on, for codes that mean the lookup itself failed. */
const REASONS: Record<string, string> = {
  ETIMEOUT: 'timed out',
  ECANCELLED: 'timed out',
  ESERVFAIL: 'SERVFAIL',
  EREFUSED: 'REFUSED',
  ECONNREFUSED: 'the DNS server is unreachable',
};

/** The TXT records at `name`, asked of `config.servers` (the system's when empty). */
export async function lookupTxt(config: DnsConfig, name: string): Promise<TxtLookup> {
  // Two tries within the budget; the timer below is the bound that holds whatever c-ares does.
  const resolver = new Resolver({ timeout: Math.max(1, Math.floor(config.timeoutMs / 2)), tries: 2 });
  if (config.servers.length > 0) resolver.setServers(config.servers);
  const deadline = setTimeout(() => resolver.cancel(), config.timeoutMs);
  try {
    const records = await resolver.resolveTxt(name);
    return { status: 'found', records: records.map((chunks) => chunks.join('')) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
    if (NO_RECORD.has(code)) return { status: 'none' };
    return { status: 'failed', reason: REASONS[code] ?? code };
  } finally {
    clearTimeout(deadline);
  }
}
