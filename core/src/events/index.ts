export { appendEvent, listEvents } from './repository.ts';
export { EVENT_TYPES, type EventData, type EventType, type PartnerEvent } from './types.ts';
