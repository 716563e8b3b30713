import { pingDatabase } from '@laras/core';
import { defineRoute } from '../../routing/define-route.ts';

async function pingRedis(ping: () => Promise<string>): Promise<boolean> {
  try {
    return (await ping()) === 'PONG';
  } catch {
    return false;
  }
}

export const getReadiness = defineRoute('getReadiness')({
  auth: 'none',
  async handler({ deps }) {
    const [postgres, redis] = await Promise.all([pingDatabase(deps.db), pingRedis(() => deps.redis.ping())]);
    const checks = { postgres: postgres ? 'ok' : 'failing', redis: redis ? 'ok' : 'failing' } as const;
    if (postgres && redis) return { status: 200, body: { status: 'ready', checks } };
    return { status: 503, body: { status: 'unavailable', checks } };
  },
});
