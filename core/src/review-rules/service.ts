import type { Knex } from 'knex';
import { type TenantTx, type WorkspaceScope, withTenant } from '../db/index.ts';
import { requireWorkspace } from '../workspaces/service.ts';
import * as repo from './repository.ts';
import { DEFAULT_MIN_CONFIDENCE, type ReviewRules, type ReviewRulesInput } from './types.ts';

type Deps = { db: Knex };

/** The rules of a workspace; the defaults (nothing sent automatically) until some are set. */
export function getReviewRules(deps: Deps, scope: WorkspaceScope): Promise<ReviewRules> {
  return withTenant(deps.db, scope, async (tx) => {
    await requireWorkspace(tx, scope.workspaceId);
    return reviewRulesOf(tx);
  });
}

/** `getReviewRules` inside a caller's transaction, for a workspace the caller knows is there. */
export async function reviewRulesOf(tx: TenantTx<WorkspaceScope>): Promise<ReviewRules> {
  return (
    (await repo.findReviewRules(tx)) ?? {
      workspaceId: tx.scope.workspaceId,
      autoSend: { whatsapp: false, instagramDm: false, instagramComment: false },
      alwaysReviewKeywords: [],
      blockedPhrases: [],
      minConfidence: DEFAULT_MIN_CONFIDENCE,
      updatedAt: null,
    }
  );
}

export function replaceReviewRules(
  deps: Deps,
  scope: WorkspaceScope,
  input: ReviewRulesInput,
): Promise<ReviewRules> {
  return withTenant(deps.db, scope, async (tx) => {
    await requireWorkspace(tx, scope.workspaceId);
    return repo.upsertReviewRules(tx, {
      autoSend: {
        whatsapp: input.auto_send.whatsapp,
        instagramDm: input.auto_send.instagram_dm,
        instagramComment: input.auto_send.instagram_comment,
      },
      alwaysReviewKeywords: input.always_review_keywords,
      blockedPhrases: input.blocked_phrases,
      minConfidence: input.min_confidence,
    });
  });
}
