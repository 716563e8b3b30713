/**
 * Sweeps that keep drafting whole when queues lose work, and warn partners before time runs out:
 * customer messages whose drafting job never ran, and waiting drafts whose 24-hour window closes
 * within the hour (one `window.expiring` event each).
 */
import type { Knex } from 'knex';
import * as conversations from '../conversations/repository.ts';
import { withTenant } from '../db/index.ts';
import { appendEvent } from '../events/index.ts';
import * as repo from './repository.ts';
import { REPLYABLE_TYPES } from './types.ts';

/** How long the normal path (webhook → drafting job) gets before the sweeper steps in. */
export const DRAFT_GRACE_MS = 30 * 1000;
/** How long before a window closes the partner hears about a draft still waiting in it. */
export const WINDOW_WARNING_MS = 60 * 60 * 1000;

export function messagesAwaitingDraft(
  deps: { db: Knex },
  options: { createdBefore?: Date; limit?: number } = {},
) {
  return repo.findMessagesAwaitingDraft(
    deps.db,
    options.createdBefore ?? new Date(Date.now() - DRAFT_GRACE_MS),
    [...REPLYABLE_TYPES],
    options.limit ?? 500,
  );
}

/** Queues `window.expiring` once per waiting draft whose window closes within `withinMs`. */
export async function warnExpiringWindows(
  deps: { db: Knex },
  options: { withinMs?: number; limit?: number } = {},
): Promise<{ warned: string[] }> {
  const closesBefore = new Date(Date.now() + (options.withinMs ?? WINDOW_WARNING_MS));
  const warned: string[] = [];
  for (const { draftId, scope } of await repo.findDraftsWindowExpiring(
    deps.db,
    closesBefore,
    options.limit ?? 500,
  )) {
    const changed = await withTenant(deps.db, scope, async (tx) => {
      const draft = await repo.findDraft(tx, draftId);
      if (draft?.state !== 'pending_approval') return false;
      const conversation = await conversations.findConversation(tx, draft.conversationId);
      if (!conversation?.windowClosesAt || !(await repo.markWindowWarned(tx, draftId))) return false;
      await appendEvent(tx, 'window.expiring', {
        draft_id: draftId,
        conversation_id: draft.conversationId,
        message_id: draft.messageId,
        window_closes_at: conversation.windowClosesAt.toISOString(),
      });
      return true;
    });
    if (changed) warned.push(draftId);
  }
  return { warned };
}
