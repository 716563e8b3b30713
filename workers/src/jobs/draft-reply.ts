import type { Knex, Logger } from '@laras/core';
import { type DraftDeps, draftForMessage } from '@laras/core/drafts';

/** Drafts a reply to one customer message; logs the outcome, never the texts. */
export async function draftReplyJob(
  deps: { db: Knex; logger: Logger; draft: DraftDeps['draft'] },
  ref: { partnerId: string; workspaceId: string; messageId: string },
) {
  const outcome = await draftForMessage(
    { db: deps.db, draft: deps.draft },
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
  return { status: outcome.status };
}
