/**
 * Expires drafts whose conversation's 24-hour window has closed: they can no longer be sent, and
 * the approval queue should say so rather than offer a button that must fail.
 */
import type { Knex } from 'knex';
import { withTenant } from '../db/index.ts';
import { appendEvidence } from '../evidence/index.ts';
import * as repo from './repository.ts';

export async function expireOverdueDrafts(deps: { db: Knex }, limit = 500): Promise<{ expired: string[] }> {
  const expired: string[] = [];
  for (const { draftId, scope } of await repo.findDraftsPastWindow(deps.db, limit)) {
    const changed = await withTenant(deps.db, scope, async (tx) => {
      const draft = await repo.findDraft(tx, draftId);
      if (!draft || (draft.state !== 'pending_approval' && draft.state !== 'approved')) return false;
      if (!(await repo.transition(tx, draft.id, draft.state, 'expired'))) return false;
      await appendEvidence(tx, {
        type: 'draft.expired',
        conversationId: draft.conversationId,
        messageId: draft.messageId,
        draftId: draft.id,
        actor: 'system',
        data: { was: draft.state },
      });
      return true;
    });
    if (changed) expired.push(draftId);
  }
  return { expired };
}
