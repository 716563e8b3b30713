/**
 * Console sessions live in Redis, not Postgres: they are short-lived, need no joins, and expire by
 * TTL on their own. The key is the SHA-256 of the cookie token, so Redis never holds a usable
 * token; the value keeps the API key's hash (as the database does) so every request can re-check
 * that the key still exists and is not revoked.
 */
import type { Redis } from 'ioredis';
import { z } from 'zod';

export type ConsoleStoreDeps = { redis: Redis; redisPrefix: string };

const StoredSchema = z.object({
  sessionId: z.string(),
  apiKeyHash: z.string(),
  expiresAt: z.number(),
});
export type StoredConsoleSession = z.infer<typeof StoredSchema>;

/** The Redis key of a session, by the hash of its cookie token. */
export function consoleSessionKey(redisPrefix: string, tokenHash: string): string {
  return `${redisPrefix}console-session:${tokenHash}`;
}

function keyOf(deps: ConsoleStoreDeps, tokenHash: string): string {
  return consoleSessionKey(deps.redisPrefix, tokenHash);
}

export async function saveConsoleSession(
  deps: ConsoleStoreDeps,
  tokenHash: string,
  session: StoredConsoleSession,
  ttlSeconds: number,
): Promise<void> {
  await deps.redis.set(keyOf(deps, tokenHash), JSON.stringify(session), 'EX', ttlSeconds);
}

export async function findConsoleSession(
  deps: ConsoleStoreDeps,
  tokenHash: string,
): Promise<StoredConsoleSession | undefined> {
  const raw = await deps.redis.get(keyOf(deps, tokenHash));
  if (!raw) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const result = StoredSchema.safeParse(parsed);
  return result.success ? result.data : undefined;
}

export async function deleteConsoleSession(deps: ConsoleStoreDeps, tokenHash: string): Promise<void> {
  await deps.redis.del(keyOf(deps, tokenHash));
}
