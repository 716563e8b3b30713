export { EVENT_RETENTION_DAYS, pruneOldEvents } from './prune.ts';
export { appendEvent, appendPartnerEvent, listEvents } from './repository.ts';
export { EVENT_TYPES, type EventData, type EventDataOf, type EventType, type PartnerEvent } from './types.ts';
