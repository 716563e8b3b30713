import type { ReviewRules } from '@laras/core/review-rules';
import type { components } from '@laras/openapi';

export function presentReviewRules(rules: ReviewRules): components['schemas']['ReviewRules'] {
  return {
    workspace_id: rules.workspaceId,
    auto_send: {
      whatsapp: rules.autoSend.whatsapp,
      instagram_dm: rules.autoSend.instagramDm,
      instagram_comment: rules.autoSend.instagramComment,
    },
    always_review_keywords: rules.alwaysReviewKeywords,
    blocked_phrases: rules.blockedPhrases,
    min_confidence: rules.minConfidence,
    updated_at: rules.updatedAt?.toISOString() ?? null,
  };
}
