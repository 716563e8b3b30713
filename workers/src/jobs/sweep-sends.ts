import type { Knex, Logger } from '@laras/core';
import { draftsToSend, resolveStuckSends } from '@laras/core/drafts';
import { type Queues, requeueMany } from '../queues.ts';

/** A send job that failed all its attempts (not at Meta: those fail the draft) is tried again this long after. */
const SEND_RETRY_AFTER_MS = 60_000;

/**
 * The outbox sweeper of sends: every approved draft gets a send job keyed by the draft, so one
 * already queued (or retrying) is not queued twice — drafts approved through the API, and those
 * whose job was lost with Redis, are sent this way. Sends left in flight by a stopped worker are
 * failed as `send_outcome_unknown`, never sent again.
 */
export async function sweepSends(deps: { db: Knex; queues: Queues; logger: Logger }) {
  const due = await draftsToSend(deps);
  await requeueMany(
    deps.queues,
    'sending',
    'send-draft',
    due.map(({ draftId, scope }) => ({ payload: { ...scope, draftId }, jobId: `send_${draftId}` })),
    { finishedBefore: Date.now() - SEND_RETRY_AFTER_MS },
  );
  const { failed } = await resolveStuckSends(deps);
  if (failed.length > 0)
    deps.logger.warn({ category: 'meta', drafts: failed }, 'sends left in flight failed as outcome unknown');
  return { queued: due.length, stuck: failed.length };
}
