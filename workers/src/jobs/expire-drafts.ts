import type { Knex, Logger } from '@laras/core';
import { expireOverdueDrafts } from '@laras/core/drafts';

/** Marks drafts past their conversation's 24-hour window as expired; logs how many. */
export async function expireDrafts(deps: { db: Knex; logger: Logger }) {
  const { expired } = await expireOverdueDrafts(deps);
  if (expired.length > 0) deps.logger.info({ category: 'queue', expired: expired.length }, 'expired drafts');
  return { expired: expired.length };
}
