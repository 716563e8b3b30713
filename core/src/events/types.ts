/**
 * Partner events as they are stored in the outbox; their wire form (Standard Webhooks / Svix) is
 * the spec's `Event`: `{ id, type, created_at, workspace_id, data }` with snake_case `data`. What
 * each type's `data` holds comes from the spec's event catalog, so an event the spec does not
 * describe does not compile.
 */

import { type components, enums } from '@laras/openapi';

type WireEvent = components['schemas']['Event'];

/** Every event type a partner can receive: the spec's event catalog (`EventType`). */
export const EVENT_TYPES = enums.EventType;

export type EventType = (typeof EVENT_TYPES)[number];

/** What an event of type `T` says; JSON, never a token or message content. */
export type EventDataOf<T extends EventType> = Extract<WireEvent, { type: T }>['data'];

/** The data of any event. */
export type EventData = WireEvent['data'];

export type PartnerEvent = {
  id: string;
  type: EventType;
  /** Null for events about the partner itself (a webhook endpoint disabled). */
  workspaceId: string | null;
  data: EventData;
  createdAt: Date;
};
