import type { FormEvent } from 'react';
import { ErrorAlert } from '../../layout/error-alert.tsx';
import { useUpdateWebhookEndpoint, type WebhookEndpoint } from './console-queries.ts';
import { endpointChanges } from './endpoint-changes.ts';
import { EndpointFields, useEndpointFields } from './endpoint-fields.tsx';
import { filterFromPick } from './event-filter.ts';

/** Edits an endpoint in its row: URL, description and event filter; only what changed is sent. */
export function EditEndpointForm({ endpoint, onClose }: { endpoint: WebhookEndpoint; onClose: () => void }) {
  const update = useUpdateWebhookEndpoint();
  const fields = useEndpointFields({
    url: endpoint.url,
    description: endpoint.description,
    eventTypes: endpoint.event_types,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (fields.noneChosen) return;
    const body = endpointChanges(endpoint, {
      url: fields.url,
      description: fields.description,
      eventTypes: filterFromPick(fields.pick),
    });
    if (!body) return onClose();
    update.mutate({ endpointId: endpoint.id, body }, { onSuccess: onClose });
  }

  return (
    <form className="settings-form endpoint-edit" onSubmit={submit} aria-label="Edit the endpoint">
      <EndpointFields fields={fields} />
      {update.isError ? <ErrorAlert error={update.error} /> : null}
      <div className="actions">
        <button type="submit" disabled={update.isPending || fields.noneChosen}>
          {update.isPending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="secondary" disabled={update.isPending} onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
