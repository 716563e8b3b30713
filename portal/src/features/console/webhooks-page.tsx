import { useState } from 'react';
import { ErrorAlert } from '../../layout/error-alert.tsx';
import { useWebhookEndpoints } from './console-queries.ts';
import { CreateEndpointForm } from './create-endpoint-form.tsx';
import { EndpointRow } from './endpoint-row.tsx';
import { SecretOnce } from './secret-once.tsx';
import { SvixPortal } from './svix-portal.tsx';

/**
 * The partner's webhook endpoints: create one with an event filter (its secret shown once), and per
 * endpoint its status, enable/disable, secret rotation, recent attempts with resend, and recovery.
 */
export function WebhooksPage() {
  const endpoints = useWebhookEndpoints();
  const [secret, setSecret] = useState<string | null>(null);

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
          <CreateEndpointForm onCreated={setSecret} />
          {endpoints.data.page.data.length === 0 ? <p>No endpoints yet.</p> : null}
          <ul className="console-list endpoint-list">
            {endpoints.data.page.data.map((endpoint) => (
              <EndpointRow key={endpoint.id} endpoint={endpoint} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
