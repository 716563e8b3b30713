import type { DraftPreview } from '@laras/core/draft-previews';
import type { components } from '@laras/openapi';

export function presentDraftPreview(preview: DraftPreview): components['schemas']['DraftPreview'] {
  const { draft } = preview;
  return {
    draft: {
      text: draft.text,
      language: draft.language,
      intent: draft.intent,
      citations: draft.citations,
      confidence: draft.confidence,
      needs_human: draft.needsHuman,
      needs_human_reason: draft.needsHumanReason,
      provider: draft.provider,
      model: draft.model,
      prompt_version: draft.promptVersion,
      timing_ms: draft.timingMs,
    },
    verdict: preview.verdict,
    decision: preview.decision,
  };
}
