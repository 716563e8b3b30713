import type { Logger } from '@laras/core';
import { type SendDeps, sendDraft } from '@laras/core/drafts';
import { type Attempt, isLastAttempt } from './attempt.ts';

/** Thrown so BullMQ retries the job with its backoff: Meta throttled the send or failed on its side. */
export class RetryLater extends Error {
  override name = 'RetryLater';
}

/**
 * Sends one approved draft; logs the outcome (never the text or a token). On the job's last
 * attempt a retryable failure fails the draft, so nothing stays approved for ever.
 */
export async function sendDraftJob(
  deps: SendDeps & { logger: Logger },
  ref: { partnerId: string; workspaceId: string; draftId: string },
  attempt: Attempt,
) {
  const finalAttempt = isLastAttempt(attempt);
  const outcome = await sendDraft(
    deps,
    { partnerId: ref.partnerId, workspaceId: ref.workspaceId },
    ref.draftId,
    { finalAttempt },
  );
  deps.logger.info(
    {
      category: 'meta',
      draft_id: ref.draftId,
      status: outcome.status,
      ...(outcome.status === 'sent' ? { provider_message_id: outcome.providerMessageId } : {}),
      ...('error' in outcome ? { error_code: outcome.error.code } : {}),
      ...(outcome.status === 'skipped' ? { state: outcome.state } : {}),
    },
    'send job finished',
  );
  if (outcome.status === 'retry') throw new RetryLater(`Meta asked to retry later (${outcome.error.code})`);
  return { status: outcome.status };
}
