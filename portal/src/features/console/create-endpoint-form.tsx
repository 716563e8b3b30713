import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '../../layout/error-alert.tsx';
import { useCreateWebhookEndpoint } from './console-queries.ts';
import { EVENT_TYPE_MEANINGS, EVENT_TYPES, type EventType } from './event-filter.ts';

/** Which events go to the new endpoint: every type (no filter) or the ticked ones. */
function EventFilter(props: {
  all: boolean;
  chosen: ReadonlySet<EventType>;
  onAll: (all: boolean) => void;
  onToggle: (type: EventType) => void;
}) {
  return (
    <fieldset className="row-fields">
      <legend>Events to send</legend>
      <label className="checkbox">
        <input type="radio" name="event_filter" checked={props.all} onChange={() => props.onAll(true)} />
        All events
      </label>
      <label className="checkbox">
        <input type="radio" name="event_filter" checked={!props.all} onChange={() => props.onAll(false)} />
        Only the events I choose
      </label>
      {props.all ? null : (
        <ul className="event-types" aria-label="Event types">
          {EVENT_TYPES.map((type) => (
            <li key={type}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  name="event_types"
                  value={type}
                  checked={props.chosen.has(type)}
                  onChange={() => props.onToggle(type)}
                  aria-describedby={`event-meaning-${type}`}
                />
                <code>{type}</code>
              </label>
              <span className="hint" id={`event-meaning-${type}`}>
                {EVENT_TYPE_MEANINGS[type]}
              </span>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

/** Adds an endpoint (URL, description, event filter); `onCreated` gets its secret, shown once. */
export function CreateEndpointForm({ onCreated }: { onCreated: (secret: string) => void }) {
  const create = useCreateWebhookEndpoint();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [all, setAll] = useState(true);
  const [chosen, setChosen] = useState<ReadonlySet<EventType>>(new Set());
  const noneChosen = !all && chosen.size === 0;

  function toggle(type: EventType) {
    const next = new Set(chosen);
    if (!next.delete(type)) next.add(type);
    setChosen(next);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (noneChosen) return;
    create.mutate(
      {
        url: url.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        ...(all ? {} : { event_types: EVENT_TYPES.filter((type) => chosen.has(type)) }),
      },
      {
        onSuccess: (created) => {
          onCreated(created.secret);
          setUrl('');
          setDescription('');
          setAll(true);
          setChosen(new Set());
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
      <EventFilter all={all} chosen={chosen} onAll={setAll} onToggle={toggle} />
      {noneChosen ? <p className="hint">Choose at least one event type, or send all events.</p> : null}
      {create.isError ? <ErrorAlert error={create.error} /> : null}
      <button type="submit" disabled={create.isPending || noneChosen}>
        {create.isPending ? 'Adding…' : 'Add endpoint'}
      </button>
    </form>
  );
}
