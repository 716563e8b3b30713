import type { Knex, Logger } from '@laras/core';
import { warnExpiringWindows } from '@laras/core/drafts';

/** Queues `window.expiring` for waiting drafts whose window closes within the hour; logs how many. */
export async function warnExpiringWindowsJob(deps: { db: Knex; logger: Logger }) {
  const { warned } = await warnExpiringWindows(deps);
  if (warned.length > 0)
    deps.logger.info({ category: 'queue', warned: warned.length }, 'window expiry warnings queued');
  return { warned: warned.length };
}
