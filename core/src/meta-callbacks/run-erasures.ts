/**
 * The workers' side of Meta's data deletion: each queued erasure of a workspace's channel runs in
 * bounded steps (`eraseChannelStep`), each one tenant transaction that also records where the next
 * begins, so no statement grows with the business's history and a worker stopped mid-way leaves the
 * rest to the next (its claim is a lease). The last step tells the partner and, with the last
 * erasure of a request, completes it.
 */
import type { Knex } from 'knex';
import { eraseChannelStep, recordChannelErased } from '../conversations/index.ts';
import { withTenant } from '../db/index.ts';
import { findWorkspace } from '../workspaces/repository.ts';
import {
  claimErasures,
  finishErasure,
  type QueuedErasure,
  recordErasureStep,
  releaseErasure,
} from './repository.ts';

export type RunErasuresOptions = {
  /** Rows (contacts, drafts or threads) one step takes at most. */
  stepRows?: number;
  /** How long one run goes on taking steps; the next run goes on from there. */
  budgetMs?: number;
  /** How long a claimed erasure is this run's; longer than the budget and one step. */
  leaseSeconds?: number;
  /**
   * Only the erasures of the request with this confirmation code (tests share one database with
   * others running beside them).
   */
  only?: string;
};

export type ErasuresRun = { claimed: number; finished: number; steps: number };

/** One step of `erasure`: answers the erasure as it now stands, or `undefined` once it ended. */
function step(db: Knex, erasure: QueuedErasure, stepRows: number): Promise<QueuedErasure | undefined> {
  return withTenant(db, erasure.scope, async (tx) => {
    const erased = await eraseChannelStep(tx, erasure.channel, erasure.cursor, stepRows);
    const totals = {
      messagesErased: erasure.messagesErased + erased.messagesErased,
      draftsErased: erasure.draftsErased + erased.draftsErased,
    };
    if (erased.next) {
      await recordErasureStep(tx, erasure, erased.next, erased);
      return { ...erasure, ...totals, cursor: erased.next };
    }
    // A workspace deleted meanwhile took its data with it; there is no one left to tell.
    const ended = await finishErasure(tx, erasure);
    if (ended && (await findWorkspace(tx, erasure.scope.workspaceId))) {
      await recordChannelErased(tx, erasure.channel, totals);
    }
    return undefined;
  });
}

/**
 * Claims the queued erasures one at a time and takes steps of each until it ends or the run's
 * budget is spent; one not ended is handed on to the next run (or, if this one stopped, taken up
 * again when its lease ends).
 */
export async function runDataErasures(
  deps: { db: Knex },
  options: RunErasuresOptions = {},
): Promise<ErasuresRun> {
  const { stepRows = 500, budgetMs = 20_000, leaseSeconds = 120, only } = options;
  const deadline = Date.now() + budgetMs;
  const run: ErasuresRun = { claimed: 0, finished: 0, steps: 0 };
  do {
    const [erasure] = await claimErasures(deps.db, 1, leaseSeconds, only);
    if (!erasure) break;
    run.claimed += 1;
    let current: QueuedErasure | undefined = erasure;
    do {
      current = await step(deps.db, current, stepRows);
      run.steps += 1;
    } while (current && Date.now() < deadline);
    if (current) await releaseErasure(deps.db, current);
    else run.finished += 1;
  } while (Date.now() < deadline);
  return run;
}
