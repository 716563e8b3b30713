import { useState } from 'react';
import { type EventPick, type EventType, pickFromFilter } from './event-filter.ts';
import { EventTypePicker } from './event-type-picker.tsx';

/** What the add and edit forms of an endpoint hold: URL, description and event filter. */
export function useEndpointFields(initial: {
  url: string;
  description: string;
  eventTypes: readonly EventType[] | null;
}) {
  const [url, setUrl] = useState(initial.url);
  const [description, setDescription] = useState(initial.description);
  const [pick, setPick] = useState<EventPick>(() => pickFromFilter(initial.eventTypes));
  return {
    url,
    setUrl,
    description,
    setDescription,
    pick,
    setPick,
    /** "Only the events I choose" with none chosen: nothing to save yet. */
    noneChosen: !pick.all && pick.chosen.size === 0,
  };
}

export type EndpointFieldsState = ReturnType<typeof useEndpointFields>;

/** The inputs both endpoint forms show, with the hint when no event type is chosen. */
export function EndpointFields({ fields }: { fields: EndpointFieldsState }) {
  return (
    <>
      <label>
        URL
        <input
          name="url"
          type="url"
          required
          value={fields.url}
          onChange={(e) => fields.setUrl(e.target.value)}
        />
      </label>
      <label>
        Description (optional)
        <input
          name="description"
          maxLength={500}
          value={fields.description}
          onChange={(e) => fields.setDescription(e.target.value)}
        />
      </label>
      <EventTypePicker pick={fields.pick} onChange={fields.setPick} />
      {fields.noneChosen ? <p className="hint">Choose at least one event type, or send all events.</p> : null}
    </>
  );
}
