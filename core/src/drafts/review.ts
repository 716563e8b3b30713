/**
 * A person's (or partner's) review of a waiting draft. Approval is a single conditional update, so
 * approving twice, or twice at once, approves (and later sends) once. A draft whose customer-service
 * window has closed can no longer be approved: it is marked expired and the caller told why. The
 * text to send is checked here, before anything changes, against the surface's length limit (Meta
 * would refuse it only after the approval) and the workspace's blocked phrases: an edit is text the
 * safety classifier never saw, and a draft it held for either reason needs an edit, not an
 * approval as it stands.
 */
import type { Knex } from 'knex';
import * as conversations from '../conversations/repository.ts';
import { type TenantTx, type WorkspaceScope, withTenant } from '../db/index.ts';
import { AppError, notFound } from '../errors/index.ts';
import { appendEvent } from '../events/index.ts';
import { appendEvidence, sha256Hex } from '../evidence/index.ts';
import { reviewRulesOf } from '../review-rules/index.ts';
import { matchPhrases } from '../safety/index.ts';
import { LENGTH_LIMITS, measure } from '../safety/limits.ts';
import * as repo from './repository.ts';
import type { ApproveDraftInput, RejectDraftInput, StoredDraft } from './types.ts';

type Deps = { db: Knex };

const ALREADY_APPROVED = new Set(['approved', 'sending', 'sent']);

function notReviewable(draft: StoredDraft): AppError {
  return new AppError(
    'conflict',
    `This draft is ${draft.state.replace('_', ' ')} and can no longer be reviewed.`,
  );
}

/** How the length limit of each surface reads in an error message. */
const LIMIT_WORDING: Record<StoredDraft['surface'], (max: number) => string> = {
  whatsapp: (max) => `A WhatsApp reply can be at most ${max} characters`,
  instagram_dm: (max) => `An Instagram direct message can be at most ${max} bytes (UTF-8)`,
  instagram_comment: (max) => `An Instagram comment reply can be at most ${max} characters`,
};

/**
 * Refuses text that Meta would refuse after the approval (too long for the surface), or that
 * contains one of the workspace's blocked phrases, which no reply may contain.
 */
async function checkSendable(tx: TenantTx<WorkspaceScope>, draft: StoredDraft, text: string): Promise<void> {
  const limit = LENGTH_LIMITS[draft.surface];
  const length = measure(text, limit.unit);
  if (length > limit.max) {
    throw new AppError(
      'invalid_request',
      `${LIMIT_WORDING[draft.surface](limit.max)}; this text is ${length} ${limit.unit}.`,
      { param: 'text' },
    );
  }
  const blocked = matchPhrases(text, (await reviewRulesOf(tx)).blockedPhrases);
  if (blocked.length > 0) {
    const listed = blocked.map((phrase) => `"${phrase}"`).join(', ');
    throw new AppError(
      'invalid_request',
      `The text contains ${blocked.length === 1 ? 'the blocked phrase' : 'the blocked phrases'} ${listed}, which no reply of this workspace may contain.`,
      { param: 'text' },
    );
  }
}

/**
 * An approval repeated with the text already approved (or none) is the same approval; one with
 * other text would silently lose its edit, so it is refused.
 */
function approvedAlready(draft: StoredDraft, input: ApproveDraftInput): { draft: StoredDraft } {
  if (input.text !== undefined && input.text !== draft.text) {
    throw new AppError(
      'conflict',
      `This draft is already ${draft.state} with other text; an edit can no longer change it.`,
      { param: 'text' },
    );
  }
  return { draft };
}

export async function approveDraft(
  deps: Deps,
  scope: WorkspaceScope,
  id: string,
  input: ApproveDraftInput,
  actor: string,
): Promise<StoredDraft> {
  const outcome = await withTenant(deps.db, scope, async (tx) => {
    const draft = await repo.findDraft(tx, id);
    if (!draft) throw notFound('draft');
    if (ALREADY_APPROVED.has(draft.state)) return approvedAlready(draft, input);
    if (draft.state !== 'pending_approval') throw notReviewable(draft);
    const text = input.text ?? draft.text;
    const edited = text !== draft.text;
    await checkSendable(tx, draft, text);
    const conversation = await conversations.findConversation(tx, draft.conversationId);
    const closes = conversation?.windowClosesAt;
    const ids = { conversationId: draft.conversationId, messageId: draft.messageId, draftId: id };
    if (closes && closes.getTime() <= Date.now()) {
      if (await repo.transition(tx, id, 'pending_approval', 'expired')) {
        await appendEvidence(tx, { type: 'draft.expired', ...ids, actor: 'system', data: {} });
      }
      return { expired: true as const };
    }
    if (await repo.transition(tx, id, 'pending_approval', 'approved', { text, edited, reviewedBy: actor })) {
      await appendEvidence(tx, {
        type: 'draft.approved',
        ...ids,
        contentSha256: sha256Hex(text),
        actor,
        data: { edited },
      });
      await appendEvent(tx, 'draft.approved', {
        draft_id: id,
        conversation_id: draft.conversationId,
        edited,
      });
    }
    const current = await repo.findDraft(tx, id);
    if (!current) throw notFound('draft');
    // Another review committed between our read and our update: a racing approval is this one
    // done; a racing rejection (or expiry) means this approval did not happen.
    if (!ALREADY_APPROVED.has(current.state)) throw notReviewable(current);
    return approvedAlready(current, input);
  });
  if ('expired' in outcome) {
    throw new AppError(
      'conflict',
      'The 24-hour customer-service window has closed, so this reply can no longer be sent. The draft is now expired.',
    );
  }
  return outcome.draft;
}

/**
 * A rejection repeated with the reason already stored is the same rejection; one with another
 * reason would silently lose it, so it is refused.
 */
function rejectedAlready(draft: StoredDraft, input: RejectDraftInput): StoredDraft {
  if (draft.rejectionReason !== input.reason) {
    throw new AppError(
      'conflict',
      'This draft is already rejected for another reason; the reason can no longer change.',
      { param: 'reason' },
    );
  }
  return draft;
}

export function rejectDraft(
  deps: Deps,
  scope: WorkspaceScope,
  id: string,
  input: RejectDraftInput,
  actor: string,
): Promise<StoredDraft> {
  return withTenant(deps.db, scope, async (tx) => {
    const draft = await repo.findDraft(tx, id);
    if (!draft) throw notFound('draft');
    if (draft.state === 'rejected') return rejectedAlready(draft, input);
    if (
      !(await repo.transition(tx, id, 'pending_approval', 'rejected', {
        reviewedBy: actor,
        rejectionReason: input.reason,
      }))
    ) {
      // Reviewed meanwhile: a racing rejection is this one done; otherwise say what it is now.
      const current = (await repo.findDraft(tx, id)) ?? draft;
      if (current.state === 'rejected') return rejectedAlready(current, input);
      throw notReviewable(current);
    }
    const ids = { conversationId: draft.conversationId, messageId: draft.messageId, draftId: id };
    await appendEvidence(tx, { type: 'draft.rejected', ...ids, actor, data: {} });
    await appendEvent(tx, 'draft.rejected', { draft_id: id, conversation_id: draft.conversationId });
    const current = await repo.findDraft(tx, id);
    if (!current) throw notFound('draft');
    return current;
  });
}
