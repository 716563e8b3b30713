import { ErrorAlert } from '../../layout/error-alert.tsx';
import { useOpenWebhookPortal } from './console-queries.ts';

/** With Svix configured, the endpoints live in Svix's App Portal; this opens it. */
export function SvixPortal() {
  const open = useOpenWebhookPortal();
  return (
    <div className="card">
      <p>Your webhook endpoints are managed in the webhook portal.</p>
      {open.data ? (
        <a href={open.data.url} target="_blank" rel="noreferrer" data-testid="svix-link">
          Open the webhook portal
        </a>
      ) : (
        <button type="button" disabled={open.isPending} onClick={() => open.mutate()}>
          {open.isPending ? 'Opening…' : 'Open the webhook portal'}
        </button>
      )}
      {open.isError ? <ErrorAlert error={open.error} /> : null}
    </div>
  );
}
