/**
 * The check an endpoint URL passes when it is created or changed: http(s), no credentials, and a
 * host that is not (and does not resolve to) an address webhooks may not reach. Delivery checks
 * the resolved address again on every attempt, so a name that changes later is still refused.
 */
import { lookup } from 'node:dns/promises';
import { invalidRequest } from '../errors/index.ts';
import { ipLiteralOf, judgeAddress } from './address-policy.ts';

/** How long creating an endpoint waits for DNS before accepting the name (delivery re-checks it). */
const LOOKUP_TIMEOUT_MS = 3_000;

function refuse(message: string) {
  return invalidRequest([{ path: 'url', message }]);
}

async function resolveAll(hostname: string): Promise<string[] | 'unknown_host' | 'unavailable'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'unavailable'>((resolve) => {
    timer = setTimeout(() => resolve('unavailable'), LOOKUP_TIMEOUT_MS);
  });
  try {
    const found = lookup(hostname, { all: true, verbatim: true }).then(
      (addresses) => addresses.map((a) => a.address),
      (error: NodeJS.ErrnoException) => (error.code === 'ENOTFOUND' ? 'unknown_host' : 'unavailable'),
    );
    return await Promise.race([found, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Throws a 400 on `url` when webhooks must not go to it. */
export async function checkEndpointUrl(raw: string, allowPrivateNetworks: boolean): Promise<void> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse('url must be an absolute http(s) URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse('url must use http or https.');
  if (url.username || url.password) throw refuse('url must not contain credentials.');
  const literal = ipLiteralOf(url.hostname);
  const addresses = literal ? [literal] : await resolveAll(url.hostname);
  if (addresses === 'unknown_host') throw refuse(`url's host ${url.hostname} does not resolve.`);
  if (addresses === 'unavailable') return;
  for (const address of addresses) {
    const verdict = judgeAddress(address, allowPrivateNetworks);
    if (!verdict.allowed) {
      throw refuse(
        `url must reach the public internet; ${literal ? '' : `${url.hostname} resolves to `}${address} (${verdict.range}) is not allowed.`,
      );
    }
  }
}
