import { ErrorAlert } from '../../layout/error-alert.tsx';
import { useResendWebhookEvent, useWebhookAttempts, type WebhookAttempt } from './console-queries.ts';
import { ListError } from './list-error.tsx';
import { LoadMore } from './load-more.tsx';
import { itemsOf, type Noun } from './paged-list.ts';

const ATTEMPTS: Noun = { one: 'attempt', many: 'attempts' };

function outcome(a: WebhookAttempt): string {
  if (a.succeeded) return `delivered (${a.status_code})`;
  const why = a.status_code !== null ? String(a.status_code) : a.error;
  return why ? `failed (${why})` : 'failed';
}

/** One attempt, with a button that sends its event to the endpoint again. */
function AttemptRow(props: { endpointId: string; attempt: WebhookAttempt; canResend: boolean }) {
  const { attempt } = props;
  const resend = useResendWebhookEvent();
  return (
    <li data-testid="attempt-row">
      {new Date(attempt.attempted_at).toLocaleString()} · {attempt.event_type} · {outcome(attempt)} ·{' '}
      {attempt.latency_ms} ms
      {attempt.next_attempt_at
        ? ` · retrying at ${new Date(attempt.next_attempt_at).toLocaleString()}`
        : null}{' '}
      <button
        type="button"
        className="link"
        aria-label={`Resend ${attempt.event_type} (${attempt.event_id})`}
        disabled={!props.canResend || resend.isPending}
        onClick={() => resend.mutate({ endpointId: props.endpointId, eventId: attempt.event_id })}
      >
        {resend.isPending ? 'Resending…' : 'Resend'}
      </button>
      {resend.isSuccess ? (
        <span role="status" className="hint">
          {' '}
          Queued
        </span>
      ) : null}
      {resend.isError ? <ErrorAlert error={resend.error} /> : null}
    </li>
  );
}

/**
 * The endpoint's delivery attempts, newest first, older ones a page at a time; a disabled endpoint
 * must be enabled before resending.
 */
export function Attempts({ endpointId, disabled }: { endpointId: string; disabled: boolean }) {
  const attempts = useWebhookAttempts(endpointId, true);
  if (attempts.isPending) return <p className="hint">Loading attempts…</p>;
  const items = itemsOf(attempts.data?.pages ?? []);
  if (attempts.data && items.length === 0) return <p className="hint">No delivery attempts yet.</p>;
  return (
    <>
      <ListError list={attempts} />
      {disabled && items.length > 0 ? <p className="hint">Enable the endpoint to resend an event.</p> : null}
      {items.length > 0 ? (
        <ul className="attempt-list" data-testid="attempts" aria-label="Recent attempts">
          {items.map((attempt) => (
            <AttemptRow key={attempt.id} endpointId={endpointId} attempt={attempt} canResend={!disabled} />
          ))}
        </ul>
      ) : null}
      <LoadMore list={attempts} shown={items.length} noun={ATTEMPTS} />
    </>
  );
}
