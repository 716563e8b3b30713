import { isIP } from 'node:net';
import { z } from 'zod';

/** Booleans from the environment: only "true"/"1"/"yes" and "false"/"0"/"no" are accepted. */
export const envBoolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** A TCP port number from the environment. */
export const envPort = z.coerce.number().int().min(0).max(65_535);

/** A positive integer from the environment. */
export const envPositiveInt = z.coerce.number().int().positive();

/** A non-negative integer from the environment. */
export const envNonNegativeInt = z.coerce.number().int().min(0);

/** A URL with one of the given protocols. */
export function envUrl(protocols: readonly string[]) {
  return z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL (${protocols.join(' or ')})` },
  );
}

const PORT_DIGITS = /^(\d{1,5})$/;

/** One DNS server as `dns.Resolver#setServers` takes it: an IP, `IPv4:port` or `[IPv6]:port`. */
function isDnsServer(entry: string): boolean {
  if (isIP(entry) !== 0) return true;
  const bracketed = /^\[([^\]]+)\]:(.+)$/.exec(entry);
  const [host, port] = bracketed ? [bracketed[1], bracketed[2]] : entry.split(/:(?=[^:]*$)/);
  if (!host || !port || !PORT_DIGITS.test(port) || Number(port) < 1 || Number(port) > 65_535) return false;
  return bracketed ? isIP(host) === 6 : isIP(host) === 4;
}

/** DNS servers from the environment: comma-separated IP addresses with an optional port. */
export const envDnsServers = z
  .string()
  .transform((value) => value.split(',').map((entry) => entry.trim()))
  .refine((entries) => entries.length > 0 && entries.every(isDnsServer), {
    message: 'use IP[:PORT] entries, comma-separated, e.g. 1.1.1.1,127.0.0.1:5353,[::1]:53',
  });
