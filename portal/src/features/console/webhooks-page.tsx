import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '../../layout/error-alert.tsx';
import {
  useCreateWebhookEndpoint,
  useOpenWebhookPortal,
  useSetEndpointDisabled,
  useWebhookAttempts,
  useWebhookEndpoints,
  type WebhookEndpoint,
} from './console-queries.ts';
import { SecretOnce } from './secret-once.tsx';

function Attempts({ endpointId }: { endpointId: string }) {
  const attempts = useWebhookAttempts(endpointId, true);
  if (attempts.isPending) return <p className="hint">Loading attempts…</p>;
  if (attempts.isError) return <ErrorAlert error={attempts.error} />;
  if (attempts.data.data.length === 0) return <p className="hint">No delivery attempts yet.</p>;
  return (
    <ul data-testid="attempts">
      {attempts.data.data.map((a) => (
        <li key={a.id}>
          {new Date(a.attempted_at).toLocaleString()} · {a.event_type} ·{' '}
          {a.succeeded ? 'delivered' : `failed${a.status_code ? ` (${a.status_code})` : ''}`}
          {a.latency_ms !== null ? ` · ${a.latency_ms} ms` : ''}
        </li>
      ))}
    </ul>
  );
}

function EndpointRow({ endpoint }: { endpoint: WebhookEndpoint }) {
  const toggle = useSetEndpointDisabled();
  const [open, setOpen] = useState(false);
  return (
    <li className="card" data-testid="endpoint-row">
      <p>
        <code>{endpoint.url}</code> {endpoint.disabled ? <span className="badge">Disabled</span> : null}
      </p>
      {endpoint.description ? <p className="hint">{endpoint.description}</p> : null}
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={toggle.isPending}
          onClick={() => toggle.mutate({ endpointId: endpoint.id, disabled: !endpoint.disabled })}
        >
          {endpoint.disabled ? 'Enable' : 'Disable'}
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(!open)}>
          {open ? 'Hide attempts' : 'Recent attempts'}
        </button>
      </div>
      {toggle.isError ? <ErrorAlert error={toggle.error} /> : null}
      {open ? <Attempts endpointId={endpoint.id} /> : null}
    </li>
  );
}

/** With Svix configured, the endpoints live in Svix's App Portal; this opens it. */
function SvixPortal() {
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

/** The partner's webhook endpoints: create (secret shown once), disable/enable, recent attempts. */
export function WebhooksPage() {
  const endpoints = useWebhookEndpoints();
  const create = useCreateWebhookEndpoint();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [secret, setSecret] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const input = description.trim()
      ? { url: url.trim(), description: description.trim() }
      : { url: url.trim() };
    create.mutate(input, {
      onSuccess: (created) => {
        setSecret(created.secret);
        setUrl('');
        setDescription('');
      },
    });
  }

  return (
    <section aria-labelledby="webhooks-title">
      <h1 id="webhooks-title">Webhooks</h1>
      {endpoints.isPending ? <p className="page-status">Loading…</p> : null}
      {endpoints.isError ? <ErrorAlert error={endpoints.error} /> : null}
      {endpoints.data?.kind === 'svix' ? <SvixPortal /> : null}
      {endpoints.data?.kind === 'builtin' ? (
        <>
          {secret ? (
            <SecretOnce
              label="Your endpoint's signing secret."
              secret={secret}
              onDone={() => setSecret(null)}
            />
          ) : null}
          <form className="card settings-form" onSubmit={submit} aria-label="Add an endpoint">
            <h2>Add an endpoint</h2>
            <label>
              URL
              <input name="url" type="url" required value={url} onChange={(e) => setUrl(e.target.value)} />
            </label>
            <label>
              Description (optional)
              <input
                name="description"
                maxLength={500}
                value={description}
                onChange={(e) => setDescription(e.target.value)}
              />
            </label>
            {create.isError ? <ErrorAlert error={create.error} /> : null}
            <button type="submit" disabled={create.isPending}>
              {create.isPending ? 'Adding…' : 'Add endpoint'}
            </button>
          </form>
          {endpoints.data.page.data.length === 0 ? <p>No endpoints yet.</p> : null}
          <ul className="tiles console-list">
            {endpoints.data.page.data.map((endpoint) => (
              <EndpointRow key={endpoint.id} endpoint={endpoint} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
