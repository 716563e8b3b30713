import type { Knex, Logger } from '@laras/core';
import { type ErasuresRun, type RunErasuresOptions, runDataErasures } from '@laras/core/meta-callbacks';

/** Takes steps of Meta's queued data deletions; logs counts only (ids of nobody). */
export async function eraseDeletedData(
  deps: { db: Knex; logger: Logger },
  options: RunErasuresOptions = {},
): Promise<ErasuresRun> {
  const run = await runDataErasures(deps, options);
  if (run.claimed > 0) {
    deps.logger.info({ category: 'meta', ...run }, 'erased data of accounts Meta asked to delete');
  }
  return run;
}
