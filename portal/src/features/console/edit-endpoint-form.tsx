import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '../../layout/error-alert.tsx';
import { useUpdateWebhookEndpoint, type WebhookEndpoint } from './console-queries.ts';
import { endpointChanges } from './endpoint-changes.ts';
import { type EventPick, filterFromPick, pickFromFilter } from './event-filter.ts';
import { EventTypePicker } from './event-type-picker.tsx';

/** Edits an endpoint in its row: URL, description and event filter; only what changed is sent. */
export function EditEndpointForm({ endpoint, onClose }: { endpoint: WebhookEndpoint; onClose: () => void }) {
  const update = useUpdateWebhookEndpoint();
  const [url, setUrl] = useState(endpoint.url);
  const [description, setDescription] = useState(endpoint.description);
  const [pick, setPick] = useState<EventPick>(() => pickFromFilter(endpoint.event_types));
  const noneChosen = !pick.all && pick.chosen.size === 0;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (noneChosen) return;
    const body = endpointChanges(endpoint, { url, description, eventTypes: filterFromPick(pick) });
    if (!body) return onClose();
    update.mutate({ endpointId: endpoint.id, body }, { onSuccess: onClose });
  }

  return (
    <form className="settings-form endpoint-edit" onSubmit={submit} aria-label="Edit the endpoint">
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
      <EventTypePicker pick={pick} onChange={setPick} />
      {noneChosen ? <p className="hint">Choose at least one event type, or send all events.</p> : null}
      {update.isError ? <ErrorAlert error={update.error} /> : null}
      <div className="actions">
        <button type="submit" disabled={update.isPending || noneChosen}>
          {update.isPending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="secondary" disabled={update.isPending} onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
