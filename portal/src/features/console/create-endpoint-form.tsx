import type { FormEvent } from 'react';
import { ErrorAlert } from '../../layout/error-alert.tsx';
import { useCreateWebhookEndpoint } from './console-queries.ts';
import { EndpointFields, useEndpointFields } from './endpoint-fields.tsx';
import { filterFromPick, pickFromFilter } from './event-filter.ts';

/** Adds an endpoint (URL, description, event filter); `onCreated` gets its secret, shown once. */
export function CreateEndpointForm({ onCreated }: { onCreated: (secret: string) => void }) {
  const create = useCreateWebhookEndpoint();
  const fields = useEndpointFields({ url: '', description: '', eventTypes: null });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (fields.noneChosen) return;
    const eventTypes = filterFromPick(fields.pick);
    const description = fields.description.trim();
    create.mutate(
      {
        url: fields.url.trim(),
        ...(description ? { description } : {}),
        ...(eventTypes ? { event_types: eventTypes } : {}),
      },
      {
        onSuccess: (created) => {
          onCreated(created.secret);
          fields.setUrl('');
          fields.setDescription('');
          fields.setPick(pickFromFilter(null));
        },
      },
    );
  }

  return (
    <form className="card settings-form" onSubmit={submit} aria-label="Add an endpoint">
      <h2>Add an endpoint</h2>
      <EndpointFields fields={fields} />
      {create.isError ? <ErrorAlert error={create.error} /> : null}
      <button type="submit" disabled={create.isPending || fields.noneChosen}>
        {create.isPending ? 'Adding…' : 'Add endpoint'}
      </button>
    </form>
  );
}
