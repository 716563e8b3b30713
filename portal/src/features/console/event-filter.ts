/**
 * The event catalog as the console offers it: the types come from the spec's `EventType` enum (so a
 * new type shows up here when the spec gains it), each with a one-line meaning for the picker.
 */
import { type components, LARAS_EVENT_TYPES } from '@laras/sdk';

export type EventType = components['schemas']['EventType'];

/** Every event type, in the spec's order. */
export const EVENT_TYPES: readonly EventType[] = LARAS_EVENT_TYPES;

/** What each type means, shortened from the spec; a type missing here fails the type check. */
export const EVENT_TYPE_MEANINGS = {
  'workspace.created': 'A workspace was created.',
  'connection.connected': 'A WhatsApp number or Instagram account was connected.',
  'connection.disconnected': 'A connection ended; its token is gone.',
  'connection.needs_reconnect': 'Meta refused a connection’s token; the business must connect again.',
  'message.received': 'A customer wrote: a WhatsApp message, an Instagram DM or a comment.',
  'draft.created': 'A reply was drafted for a customer message.',
  'draft.approved': 'A person approved a draft; it is sent next.',
  'draft.rejected': 'A person rejected a draft; nothing is sent.',
  'message.sent': 'Meta accepted a reply.',
  'message.delivered': 'A reply reached the customer’s device.',
  'message.read': 'The customer read a reply.',
  'message.failed': 'A reply could not be sent or delivered.',
  'window.expiring': 'A draft still waits and the 24-hour window closes within the hour.',
  'workspace.data_deleted': 'Customer data was erased: a channel’s at Meta’s request, or one customer’s.',
  'webhook_endpoint.disabled': 'Another of your endpoints was disabled after failing for 5 days.',
  'portal_hostname.released': 'A portal hostname moved to another partner that proved control of it.',
} satisfies Record<EventType, string>;

/** "All events" for no filter, else the chosen types in the catalog's order, comma-separated. */
export function filterLabel(eventTypes: readonly EventType[] | null): string {
  if (eventTypes === null) return 'All events';
  const order = (type: EventType) => EVENT_TYPES.indexOf(type);
  return [...eventTypes].sort((a, b) => order(a) - order(b)).join(', ');
}

/** The picker's state: every type (no filter), or the ticked types. */
export type EventPick = { all: boolean; chosen: ReadonlySet<EventType> };

/** The picker's state for a stored filter (null is every type). */
export function pickFromFilter(eventTypes: readonly EventType[] | null): EventPick {
  return { all: eventTypes === null, chosen: new Set(eventTypes ?? []) };
}

/** The filter the picker stands for: null for every type, else the ticked types in catalog order. */
export function filterFromPick(pick: EventPick): EventType[] | null {
  return pick.all ? null : EVENT_TYPES.filter((type) => pick.chosen.has(type));
}

/** The ticked types with `type` ticked or unticked. */
export function toggleType(chosen: ReadonlySet<EventType>, type: EventType): ReadonlySet<EventType> {
  const next = new Set(chosen);
  if (!next.delete(type)) next.add(type);
  return next;
}
