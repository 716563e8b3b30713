import type { DeletionStatus } from '@laras/core/meta-callbacks';
import { escapeHtml } from './html.ts';

/** What a data-deletion status page says about the request, as it stands. */
export function deletionOutcome(status: DeletionStatus): string {
  if (status.status === 'in_progress') {
    return `<p class="status" data-kind="pending">Status: in progress since ${escapeHtml(
      status.requestedAt.toISOString(),
    )}.</p>
<p>The account's access tokens and references were deleted at once. The messages its customers wrote, their names and the reply drafts to them are being erased; this page will say so when it is done.</p>`;
  }
  const when = `<p class="status" data-kind="success">Status: completed on ${escapeHtml(
    (status.completedAt ?? status.requestedAt).toISOString(),
  )}.</p>`;
  return status.connectionsCleared === 0
    ? `${when}
<p>No connection of this account was held, so there was nothing linked to it to delete.</p>`
    : `${when}
<p>The account's access tokens and references were deleted, and so were the messages its customers wrote, their names and the reply drafts to them.</p>`;
}
