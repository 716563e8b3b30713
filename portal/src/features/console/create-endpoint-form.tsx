import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '../../layout/error-alert.tsx';
import { useCreateWebhookEndpoint } from './console-queries.ts';
import { type EventPick, filterFromPick, pickFromFilter } from './event-filter.ts';
import { EventTypePicker } from './event-type-picker.tsx';

/** Adds an endpoint (URL, description, event filter); `onCreated` gets its secret, shown once. */
export function CreateEndpointForm({ onCreated }: { onCreated: (secret: string) => void }) {
  const create = useCreateWebhookEndpoint();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [pick, setPick] = useState<EventPick>(() => pickFromFilter(null));
  const noneChosen = !pick.all && pick.chosen.size === 0;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (noneChosen) return;
    const eventTypes = filterFromPick(pick);
    create.mutate(
      {
        url: url.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        ...(eventTypes ? { event_types: eventTypes } : {}),
      },
      {
        onSuccess: (created) => {
          onCreated(created.secret);
          setUrl('');
          setDescription('');
          setPick(pickFromFilter(null));
        },
      },
    );
  }

  return (
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
      <EventTypePicker pick={pick} onChange={setPick} />
      {noneChosen ? <p className="hint">Choose at least one event type, or send all events.</p> : null}
      {create.isError ? <ErrorAlert error={create.error} /> : null}
      <button type="submit" disabled={create.isPending || noneChosen}>
        {create.isPending ? 'Adding…' : 'Add endpoint'}
      </button>
    </form>
  );
}
