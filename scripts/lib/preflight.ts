/**
 * Before starting anything: can we reach PostgreSQL and Redis? If not, say which, where, and how
 * to point at another one, instead of a stack trace.
 */
import { type Config, createKnex, createRedis } from '@laras/core';

/** `host:port` of a URL, never its credentials. */
export function describeAddress(url: string, defaultPort: number): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || defaultPort}`;
}

export async function checkPostgres(config: Config): Promise<string | undefined> {
  const maintenance = new URL(config.database.ownerUrl);
  maintenance.pathname = '/postgres';
  const db = createKnex({ url: maintenance.toString(), poolMax: 1, applicationName: 'laras-preflight' });
  try {
    await db.raw('select 1');
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return [
      `Cannot reach PostgreSQL at ${describeAddress(config.database.ownerUrl, 5432)} (DATABASE_URL): ${reason}`,
      'Start PostgreSQL there, or point Laras at another server, e.g.',
      '  DATABASE_URL=postgres://user:password@host:5432/laras npm start',
    ].join('\n');
  } finally {
    await db.destroy();
  }
}

export async function checkRedis(config: Config): Promise<string | undefined> {
  const redis = createRedis(config.redis.url, 'request', 'laras-preflight');
  let lastError: Error | undefined;
  redis.on('error', (error: Error) => {
    lastError = error;
  });
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch (error) {
    const reason = (lastError ?? (error instanceof Error ? error : new Error(String(error)))).message;
    return [
      `Cannot reach Redis at ${describeAddress(config.redis.url, 6379)} (REDIS_URL): ${reason}`,
      'Start Redis there, or point Laras at another server, e.g.',
      '  REDIS_URL=redis://host:6379 npm start',
    ].join('\n');
  } finally {
    redis.disconnect();
  }
}
