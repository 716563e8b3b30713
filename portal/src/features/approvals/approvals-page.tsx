import { useState } from 'react';
import { useApprovalQueue, useBusinessContext } from '../../api/queries.ts';
import { useCurrentSession } from '../auth/require-session.tsx';
import { useNow } from '../inbox/use-now.ts';
import { DraftCard } from './draft-card.tsx';

/**
 * The approval queue: every drafted reply that waits for a person, newest first. It refreshes
 * itself, so a new draft appears and a decided one leaves without a reload.
 */
export function ApprovalsPage() {
  const session = useCurrentSession();
  const workspaceId = session.workspace.id;
  const queue = useApprovalQueue(workspaceId);
  const context = useBusinessContext(workspaceId);
  const now = useNow();
  const [notices, setNotices] = useState<string[]>([]);

  return (
    <>
      <h1>Approvals</h1>
      <p className="lead">Replies the assistant drafted that wait for you before they reach the customer.</p>
      {notices.map((notice, index) => (
        <div key={notice} className="banner banner-error" role="alert">
          <span>{notice}</span>
          <button
            type="button"
            className="link"
            onClick={() => setNotices((all) => all.filter((_, i) => i !== index))}
          >
            Dismiss
          </button>
        </div>
      ))}
      {queue.isPending ? (
        <p className="page-status">Loading drafts…</p>
      ) : queue.isError ? (
        <div role="alert" className="error">
          The approval queue could not be loaded. It will be retried in a moment.
        </div>
      ) : queue.data.data.length === 0 ? (
        <p className="card page-status" data-testid="queue-empty">
          Nothing waits for you. When the assistant drafts a reply that needs your review, it appears here
          within seconds.
        </p>
      ) : (
        <div className="queue">
          {queue.data.has_more ? (
            <p className="hint">Showing the newest {queue.data.data.length} drafts.</p>
          ) : null}
          {queue.data.data.map((draft) => (
            <DraftCard
              key={draft.id}
              workspaceId={workspaceId}
              draft={draft}
              now={now}
              sources={context.data}
              onGone={(message) => setNotices((all) => (all.includes(message) ? all : [...all, message]))}
            />
          ))}
        </div>
      )}
    </>
  );
}
