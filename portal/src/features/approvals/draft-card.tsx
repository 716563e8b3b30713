import { useId, useState } from 'react';
import { ApiError } from '../../api/api-error.ts';
import { errorText } from '../../api/error-text.ts';
import {
  type Draft,
  useApproveDraft,
  useConversation,
  useMessages,
  useRejectDraft,
} from '../../api/queries.ts';
import { customerLabel, messageBody, surfaceLabel, windowLabel } from '../inbox/labels.ts';
import { type CitationSources, citationLabel, holdReasonText, verdictReasonLabel } from './reasons.ts';

/** The longest reply the API accepts, and the longest rejection reason. */
const MAX_REPLY = 4096;
const MAX_REASON = 500;

type Mode = 'review' | 'edit' | 'reject';

export type DraftCardProps = {
  workspaceId: string;
  draft: Draft;
  now: Date;
  sources: CitationSources | undefined;
  /** Called when the API says the draft can no longer be acted on (409), since it is about to leave. */
  onGone: (message: string) => void;
};

/** The customer message a draft answers, read from its thread. */
function CustomerMessage(props: { workspaceId: string; draft: Draft }) {
  const messages = useMessages(props.workspaceId, props.draft.conversation_id);
  const message = messages.data?.find((m) => m.id === props.draft.message_id);
  if (messages.isPending) return <p className="page-status">Loading the customer's message…</p>;
  if (!message) return <p className="hint">The customer's message is no longer in this thread.</p>;
  return (
    <blockquote className="customer-message" data-testid="customer-message">
      <p>{messageBody(message)}</p>
      <time dateTime={message.sent_at}>{new Date(message.sent_at).toLocaleString()}</time>
    </blockquote>
  );
}

/**
 * One waiting draft: what the customer wrote, the reply, why it waits and what it relied on, with
 * Approve, Edit & approve and Reject. Once a decision is accepted the card says so until the queue
 * drops it, so nothing can be decided twice.
 */
export function DraftCard(props: DraftCardProps) {
  const { draft, workspaceId } = props;
  const id = useId();
  const conversation = useConversation(workspaceId, draft.conversation_id);
  const approve = useApproveDraft(workspaceId);
  const reject = useRejectDraft(workspaceId);
  const [mode, setMode] = useState<Mode>('review');
  const [text, setText] = useState(draft.draft.text);
  const [reason, setReason] = useState('');

  const busy = approve.isPending || reject.isPending;
  const decided = approve.isSuccess || reject.isSuccess;
  const failure = approve.error ?? reject.error;
  const replyWindow = conversation.data ? windowLabel(conversation.data.window_closes_at, props.now) : null;
  // Past the window nothing can be sent: only rejecting is left (the queue drops it soon anyway).
  const windowClosed =
    conversation.data?.window_closes_at != null &&
    Date.parse(conversation.data.window_closes_at) <= props.now.getTime();

  const reportGone = (error: unknown) => {
    if (error instanceof ApiError && error.status === 409) props.onGone(errorText(error));
  };
  const sendApproval = (edited?: string) => {
    reject.reset();
    approve.mutate({ draftId: draft.id, text: edited }, { onError: reportGone });
  };
  const sendRejection = () => {
    approve.reset();
    reject.mutate({ draftId: draft.id, reason: reason.trim() }, { onError: reportGone });
  };
  const editedText = text.trim();

  return (
    <article className="card draft-card" aria-labelledby={`${id}-who`} data-testid="draft-item">
      <header className="thread-header">
        <h2 id={`${id}-who`}>{conversation.data ? customerLabel(conversation.data.contact) : 'Customer'}</h2>
        <span className={`badge badge-${draft.surface}`}>{surfaceLabel(draft.surface)}</span>
        <span className="window" data-testid="draft-window">
          {replyWindow ??
            (draft.surface === 'instagram_comment' ? 'Comment replies have no 24-hour limit' : '')}
        </span>
      </header>

      <h3 className="field-heading">Customer wrote</h3>
      <CustomerMessage workspaceId={workspaceId} draft={draft} />

      <h3 className="field-heading">Drafted reply</h3>
      <p className="draft-text" data-testid="draft-text">
        {draft.draft.text}
      </p>

      <WhyItWaits draft={draft} sources={props.sources} />

      {decided ? (
        <p role="status" className="connected">
          {approve.isSuccess ? 'Approved. The reply is on its way.' : 'Rejected. Nothing was sent.'}
        </p>
      ) : mode === 'edit' ? (
        <form
          className="decision"
          onSubmit={(event) => {
            event.preventDefault();
            if (editedText) sendApproval(editedText === draft.draft.text ? undefined : editedText);
          }}
        >
          <label>
            Reply to send
            <textarea
              value={text}
              maxLength={MAX_REPLY}
              rows={5}
              required
              onChange={(event) => setText(event.target.value)}
            />
          </label>
          <p className="hint">
            {text.length} / {MAX_REPLY} characters
          </p>
          <div className="actions">
            <button type="submit" disabled={busy || !editedText}>
              {approve.isPending ? 'Sending…' : 'Approve and send'}
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => setMode('review')}>
              Cancel
            </button>
          </div>
        </form>
      ) : mode === 'reject' ? (
        <form
          className="decision"
          onSubmit={(event) => {
            event.preventDefault();
            if (reason.trim()) sendRejection();
          }}
        >
          <label>
            Why reject it?
            <textarea
              value={reason}
              maxLength={MAX_REASON}
              rows={2}
              required
              onChange={(event) => setReason(event.target.value)}
            />
          </label>
          <div className="actions">
            <button type="submit" className="danger" disabled={busy || !reason.trim()}>
              {reject.isPending ? 'Rejecting…' : 'Reject draft'}
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => setMode('review')}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="actions decision">
          <button type="button" disabled={busy || windowClosed} onClick={() => sendApproval()}>
            {approve.isPending ? 'Approving…' : 'Approve'}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={busy || windowClosed}
            onClick={() => setMode('edit')}
          >
            Edit &amp; approve
          </button>
          <button type="button" className="secondary" disabled={busy} onClick={() => setMode('reject')}>
            Reject
          </button>
        </div>
      )}
      {failure && !decided ? (
        <p role="alert" className="error">
          {errorText(failure)}
        </p>
      ) : null}
    </article>
  );
}

/** The classifier's findings, the rules' hold reasons and the citations of a draft. */
function WhyItWaits(props: { draft: Draft; sources: CitationSources | undefined }) {
  const { verdict, decision, draft } = props.draft;
  return (
    <div className="why">
      <div>
        <h3 className="field-heading">Why it waits</h3>
        <ul className="reasons" data-testid="hold-reasons">
          {decision.reasons.map((reason) => (
            <li key={`${reason.code}-${reason.detail}`}>{holdReasonText(reason)}</li>
          ))}
        </ul>
      </div>
      <div>
        <h3 className="field-heading">
          Safety check: {verdict.pass ? 'passed' : 'needs attention'} ({Math.round(draft.confidence * 100)}%
          confident)
        </h3>
        {verdict.reasons.length > 0 ? (
          <ul className="reasons" data-testid="verdict-reasons">
            {verdict.reasons.map((reason) => (
              <li key={`${reason.code}-${reason.detail}`}>
                {verdictReasonLabel(reason.code)} <span className="hint">({reason.detail})</span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div>
        <h3 className="field-heading">Based on</h3>
        {draft.citations.length > 0 ? (
          <ul className="reasons" data-testid="citations">
            {draft.citations.map((citation) => (
              <li key={`${citation.kind}-${citation.id}`}>{citationLabel(citation, props.sources)}</li>
            ))}
          </ul>
        ) : (
          <p className="hint">Nothing from the business context.</p>
        )}
      </div>
    </div>
  );
}
