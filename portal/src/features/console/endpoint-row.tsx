import { useState } from 'react';
import { ErrorAlert } from '../../layout/error-alert.tsx';
import { Attempts } from './attempts.tsx';
import { useSetEndpointDisabled, type WebhookEndpoint } from './console-queries.ts';
import { DeleteEndpoint } from './delete-endpoint.tsx';
import { EditEndpointForm } from './edit-endpoint-form.tsx';
import { endpointStatus } from './endpoint-status.ts';
import { filterLabel } from './event-filter.ts';
import { RecoverSince } from './recover-since.tsx';
import { RotateSecret } from './rotate-secret.tsx';

/**
 * One endpoint: its filter and status, editing it in place, enable/disable, secret rotation, deleting
 * it (after a confirmation), and its deliveries. Edit and delete are one panel: opening one closes the other.
 */
export function EndpointRow({ endpoint }: { endpoint: WebhookEndpoint }) {
  const toggle = useSetEndpointDisabled();
  const [rotating, setRotating] = useState(false);
  const [open, setOpen] = useState(false);
  const [panel, setPanel] = useState<'edit' | 'delete' | null>(null);
  return (
    <li className="card endpoint-row" data-testid="endpoint-row">
      <p>
        <code>{endpoint.url}</code>
      </p>
      {endpoint.description ? <p className="hint">{endpoint.description}</p> : null}
      <p data-testid="endpoint-filter">
        <span className="hint">Events:</span> {filterLabel(endpoint.event_types)}
      </p>
      <p data-testid="endpoint-status" className={endpoint.disabled ? 'error' : undefined}>
        {endpointStatus(endpoint, new Date())}
      </p>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={panel === 'edit'}
          aria-expanded={panel === 'edit'}
          onClick={() => setPanel('edit')}
        >
          Edit
        </button>
        <button
          type="button"
          className="secondary"
          disabled={toggle.isPending}
          onClick={() => toggle.mutate({ endpointId: endpoint.id, disabled: !endpoint.disabled })}
        >
          {endpoint.disabled ? 'Enable' : 'Disable'}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={rotating}
          aria-expanded={rotating}
          onClick={() => setRotating(true)}
        >
          Rotate secret
        </button>
        <button type="button" className="secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide attempts' : 'Recent attempts'}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={panel === 'delete'}
          aria-expanded={panel === 'delete'}
          onClick={() => setPanel('delete')}
        >
          Delete
        </button>
      </div>
      {toggle.isError ? <ErrorAlert error={toggle.error} /> : null}
      {panel === 'edit' ? <EditEndpointForm endpoint={endpoint} onClose={() => setPanel(null)} /> : null}
      {panel === 'delete' ? <DeleteEndpoint endpointId={endpoint.id} onClose={() => setPanel(null)} /> : null}
      {rotating ? <RotateSecret endpointId={endpoint.id} onClose={() => setRotating(false)} /> : null}
      {open ? (
        <>
          <Attempts endpointId={endpoint.id} disabled={endpoint.disabled} />
          <RecoverSince endpointId={endpoint.id} disabled={endpoint.disabled} />
        </>
      ) : null}
    </li>
  );
}
