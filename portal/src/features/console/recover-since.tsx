import { type FormEvent, useId, useState } from 'react';
import { ErrorAlert } from '../../layout/error-alert.tsx';
import { useRecoverWebhookEndpoint } from './console-queries.ts';
import { requeuedText } from './endpoint-status.ts';
import { localInputToIso, toLocalInput } from './local-datetime.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** "Recover since": delivers again what failed (retries ran out) for events since a chosen time. */
export function RecoverSince({ endpointId, disabled }: { endpointId: string; disabled: boolean }) {
  const recover = useRecoverWebhookEndpoint();
  const [since, setSince] = useState(() => toLocalInput(new Date(Date.now() - DAY_MS)));
  const inputId = useId();
  const sinceIso = localInputToIso(since);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (sinceIso) recover.mutate({ endpointId, since: sinceIso });
  }

  return (
    <form className="form-section" onSubmit={submit} aria-label="Recover failed deliveries">
      <label htmlFor={inputId}>Deliver again what failed since</label>
      <input
        id={inputId}
        name="since"
        type="datetime-local"
        required
        value={since}
        onChange={(e) => {
          setSince(e.target.value);
          recover.reset();
        }}
      />
      {disabled ? <p className="hint">Enable the endpoint to recover its failed deliveries.</p> : null}
      <button type="submit" className="secondary" disabled={disabled || !sinceIso || recover.isPending}>
        {recover.isPending ? 'Recovering…' : 'Recover'}
      </button>
      {recover.isSuccess ? (
        <p role="status" className="hint">
          {requeuedText(recover.data.requeued)}
        </p>
      ) : null}
      {recover.isError ? <ErrorAlert error={recover.error} /> : null}
    </form>
  );
}
