import { useId } from 'react';
import { EVENT_TYPE_MEANINGS, EVENT_TYPES, type EventPick, toggleType } from './event-filter.ts';

/**
 * Which events go to an endpoint: every type (no filter) or the ticked ones. Shared by the add and
 * edit forms; ids are per instance so several pickers can be on the page at once.
 */
export function EventTypePicker({
  pick,
  onChange,
}: {
  pick: EventPick;
  onChange: (pick: EventPick) => void;
}) {
  const id = useId();
  return (
    <fieldset className="row-fields">
      <legend>Events to send</legend>
      <label className="checkbox">
        <input
          type="radio"
          name="event_filter"
          checked={pick.all}
          onChange={() => onChange({ ...pick, all: true })}
        />
        All events
      </label>
      <label className="checkbox">
        <input
          type="radio"
          name="event_filter"
          checked={!pick.all}
          onChange={() => onChange({ ...pick, all: false })}
        />
        Only the events I choose
      </label>
      {pick.all ? null : (
        <ul className="event-types" aria-label="Event types">
          {EVENT_TYPES.map((type) => (
            <li key={type}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  name="event_types"
                  value={type}
                  checked={pick.chosen.has(type)}
                  onChange={() => onChange({ ...pick, chosen: toggleType(pick.chosen, type) })}
                  aria-describedby={`${id}-${type}`}
                />
                <code>{type}</code>
              </label>
              <span className="hint" id={`${id}-${type}`}>
                {EVENT_TYPE_MEANINGS[type]}
              </span>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
