import type { Knex, Logger } from '@laras/core';
import { type DraftDeps, draftForMessage } from '@laras/core/drafts';
import { enqueue, type Queues } from '../queues.ts';
import { type Attempt, isLastAttempt } from './attempt.ts';

/**
 * Drafts a reply to one customer message and, when the rules cleared it to auto-send, queues its
 * send at once (the send sweeper would find it too). Logs the outcome, never the texts. The job's
 * last try drafts with `lastTry` (the model, or offline when the model fails): the message then
 * gets a draft to review rather than none.
 */
export async function draftReplyJob(
  deps: { db: Knex; logger: Logger; queues: Queues; draft: DraftDeps['draft']; lastTry: DraftDeps['draft'] },
  ref: { partnerId: string; workspaceId: string; messageId: string },
  attempt: Attempt,
) {
  const last = isLastAttempt(attempt);
  const outcome = await draftForMessage(
    { db: deps.db, draft: last ? deps.lastTry : deps.draft },
    { partnerId: ref.partnerId, workspaceId: ref.workspaceId },
    ref.messageId,
  );
  deps.logger.info(
    {
      category: 'llm',
      message_id: ref.messageId,
      status: outcome.status,
      ...(outcome.status === 'skipped'
        ? { reason: outcome.reason }
        : { draft_id: outcome.draft.id, state: outcome.draft.state, provider: outcome.draft.provider }),
    },
    'draft job finished',
  );
  if (outcome.status !== 'skipped' && outcome.draft.state === 'approved') {
    const { partnerId, workspaceId } = ref;
    await enqueue(
      deps.queues,
      'sending',
      'send-draft',
      { partnerId, workspaceId, draftId: outcome.draft.id },
      { jobId: `send_${outcome.draft.id}` },
    );
  }
  return { status: outcome.status };
}
