import type { StoredDraft } from '@laras/core/drafts';
import type { components } from '@laras/openapi';

export function presentDraft(draft: StoredDraft): components['schemas']['Draft'] {
  return {
    id: draft.id,
    workspace_id: draft.workspaceId,
    conversation_id: draft.conversationId,
    message_id: draft.messageId,
    surface: draft.surface,
    state: draft.state,
    draft: {
      text: draft.text,
      language: draft.language === 'id' ? 'id' : 'en',
      intent: draft.intent as components['schemas']['DraftContent']['intent'],
      citations: draft.citations,
      confidence: draft.confidence,
      needs_human: draft.needsHuman,
      needs_human_reason: draft.needsHumanReason,
      provider: draft.provider === 'openai' ? 'openai' : 'builtin',
      model: draft.model,
      prompt_version: draft.promptVersion,
      timing_ms: draft.timingMs,
    },
    verdict: draft.verdict,
    decision: draft.decision,
    review: {
      reviewed_by: draft.reviewedBy,
      reviewed_at: draft.reviewedAt?.toISOString() ?? null,
      edited: draft.edited,
      rejection_reason: draft.rejectionReason,
    },
    delivery: {
      attempts: draft.delivery.attempts,
      message_id: draft.delivery.messageId,
      provider_message_id: draft.delivery.providerMessageId,
      sent_at: draft.delivery.sentAt?.toISOString() ?? null,
      error: draft.delivery.error,
    },
    created_at: draft.createdAt.toISOString(),
    updated_at: draft.updatedAt.toISOString(),
  };
}
