/**
 * Partner events as they are stored in the outbox; their wire form (Standard Webhooks / Svix) is
 * `{ id, type, created_at, workspace_id, data }` with snake_case `data`, as the public API.
 */

import { enums } from '@laras/openapi';

/** Every event type a partner can receive: the spec's event catalog (`EventType`). */
export const EVENT_TYPES = enums.EventType;

export type EventType = (typeof EVENT_TYPES)[number];

/** What the event says; JSON with snake_case keys, never a token or message content. */
export type EventData = Record<string, unknown>;

export type PartnerEvent = {
  id: string;
  type: EventType;
  workspaceId: string;
  data: EventData;
  createdAt: Date;
};
