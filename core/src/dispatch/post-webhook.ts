/**
 * One webhook POST with SSRF protection: the host is resolved here, every resolved address is
 * judged, and the socket connects to an allowed address we resolved (so DNS rebinding between
 * check and connect cannot switch it). Redirects are not followed: a 3xx is a failed attempt, as
 * with Svix. Only the first KiB of the answer is kept.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { ipLiteralOf, judgeAddress } from '../webhook-endpoints/address-policy.ts';

export const EXCERPT_BYTES = 1024;

export type PostOutcome = {
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  /** Why no usable answer came: blocked_address, timeout, connection error code… */
  error: string | null;
};

export type PostOptions = { allowPrivateNetworks: boolean; timeoutMs: number };

class BlockedAddressError extends Error {
  readonly code = 'blocked_address';
}

/** A lookup that resolves as the OS does, then keeps only addresses webhooks may reach. */
function guardedLookup(allowPrivateNetworks: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const allowed = addresses.filter((a) => judgeAddress(a.address, allowPrivateNetworks).allowed);
      const first = allowed[0];
      if (!first) {
        const found = addresses.map((a) => a.address).join(', ');
        return callback(
          new BlockedAddressError(`${hostname} resolves only to forbidden addresses (${found})`),
          '',
          0,
        );
      }
      if (options.all) return callback(null, allowed);
      return callback(null, first.address, first.family);
    });
  };
}

function readExcerpt(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => resolve(Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8'));
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= EXCERPT_BYTES) {
        response.destroy();
        finish();
      }
    });
    response.on('end', finish);
    response.on('error', finish);
    response.on('close', finish);
  });
}

/** POSTs `body` to `url`; never throws, every failure is an outcome to record. */
export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: PostOptions,
): Promise<PostOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const failed = (error: string): PostOutcome => ({
    statusCode: null,
    latencyMs: elapsed(),
    responseExcerpt: null,
    error: error.slice(0, 500),
  });
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve(failed('invalid_url'));
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    return Promise.resolve(failed('invalid_url'));
  const literal = ipLiteralOf(target.hostname);
  if (literal && !judgeAddress(literal, options.allowPrivateNetworks).allowed) {
    return Promise.resolve(failed(`blocked_address: ${literal}`));
  }
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const request = send(target, {
      method: 'POST',
      headers: {
        ...headers,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': 'Laras-Webhooks/1.0',
      },
      lookup: guardedLookup(options.allowPrivateNetworks),
    });
    const timer = setTimeout(() => request.destroy(new Error('timeout')), options.timeoutMs);
    request.on('response', async (response) => {
      const latencyMs = elapsed();
      const excerpt = await readExcerpt(response);
      clearTimeout(timer);
      const statusCode = response.statusCode ?? 0;
      resolve({
        statusCode,
        latencyMs,
        responseExcerpt: excerpt,
        error: statusCode >= 300 && statusCode < 400 ? 'redirect_not_followed' : null,
      });
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error instanceof BlockedAddressError) return resolve(failed(`blocked_address: ${error.message}`));
      if (error.message === 'timeout') return resolve(failed('timeout'));
      resolve(failed(error.code ?? error.message));
    });
    request.end(body);
  });
}
