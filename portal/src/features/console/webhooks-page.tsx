import { useState } from 'react';
import { useWebhookEndpoints } from './console-queries.ts';
import { CreateEndpointForm } from './create-endpoint-form.tsx';
import { EndpointRow } from './endpoint-row.tsx';
import { ListError } from './list-error.tsx';
import { LoadMore } from './load-more.tsx';
import { itemsOf, type Noun } from './paged-list.ts';
import { SecretOnce } from './secret-once.tsx';
import { SvixPortal } from './svix-portal.tsx';

const ENDPOINTS: Noun = { one: 'endpoint', many: 'endpoints' };

/**
 * The partner's webhook endpoints, a page at a time: create one with an event filter (its secret shown once), and per
 * endpoint its status, enable/disable, secret rotation, recent attempts with resend, and recovery.
 */
export function WebhooksPage() {
  const endpoints = useWebhookEndpoints();
  const pages = endpoints.data?.pages ?? [];
  const kind = pages[0]?.kind;
  const items = itemsOf(pages.flatMap((page) => (page.kind === 'builtin' ? [page.page] : [])));
  const [secret, setSecret] = useState<string | null>(null);

  return (
    <section aria-labelledby="webhooks-title">
      <h1 id="webhooks-title">Webhooks</h1>
      {endpoints.isPending ? <p className="page-status">Loading…</p> : null}
      <ListError list={endpoints} />
      {kind === 'svix' ? <SvixPortal /> : null}
      {kind === 'builtin' ? (
        <>
          {secret ? (
            <SecretOnce
              label="Your endpoint's signing secret."
              secret={secret}
              onDone={() => setSecret(null)}
            />
          ) : null}
          <CreateEndpointForm onCreated={setSecret} />
          {items.length === 0 ? <p>No endpoints yet.</p> : null}
          <ul className="console-list endpoint-list">
            {items.map((endpoint) => (
              <EndpointRow key={endpoint.id} endpoint={endpoint} />
            ))}
          </ul>
          <LoadMore list={endpoints} shown={items.length} noun={ENDPOINTS} />
        </>
      ) : null}
    </section>
  );
}
