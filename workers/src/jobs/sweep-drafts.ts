import type { Knex, Logger } from '@laras/core';
import { messagesAwaitingDraft } from '@laras/core/drafts';
import { type Queues, requeueMany } from '../queues.ts';

/** A drafting job that failed all its attempts is tried again this long after (the model may be down). */
const DRAFTING_RETRY_AFTER_MS = 5 * 60_000;

/**
 * The outbox sweeper of drafting: a customer message that should have a draft and has none after
 * a grace period gets its drafting job, keyed by the message so a queued one is not queued twice.
 */
export async function sweepDrafts(deps: { db: Knex; queues: Queues; logger: Logger }) {
  const due = await messagesAwaitingDraft(deps);
  await requeueMany(
    deps.queues,
    'drafting',
    'draft-reply',
    due.map(({ messageId, scope }) => ({ payload: { ...scope, messageId }, jobId: `draft_${messageId}` })),
    { finishedBefore: Date.now() - DRAFTING_RETRY_AFTER_MS },
  );
  if (due.length > 0)
    deps.logger.info({ category: 'llm', queued: due.length }, 'messages without a draft queued');
  return { queued: due.length };
}
