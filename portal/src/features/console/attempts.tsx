import { ErrorAlert } from '../../layout/error-alert.tsx';
import { useResendWebhookEvent, useWebhookAttempts, type WebhookAttempt } from './console-queries.ts';

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

/** The endpoint's latest delivery attempts; a disabled endpoint must be enabled before resending. */
export function Attempts({ endpointId, disabled }: { endpointId: string; disabled: boolean }) {
  const attempts = useWebhookAttempts(endpointId, true);
  if (attempts.isPending) return <p className="hint">Loading attempts…</p>;
  if (attempts.isError) return <ErrorAlert error={attempts.error} />;
  if (attempts.data.data.length === 0) return <p className="hint">No delivery attempts yet.</p>;
  return (
    <>
      {disabled ? <p className="hint">Enable the endpoint to resend an event.</p> : null}
      <ul className="attempt-list" data-testid="attempts" aria-label="Recent attempts">
        {attempts.data.data.map((attempt) => (
          <AttemptRow key={attempt.id} endpointId={endpointId} attempt={attempt} canResend={!disabled} />
        ))}
      </ul>
    </>
  );
}
