/**
 * What the edit form sends: only the fields that changed, so saving an untouched form is no call at
 * all and a PATCH never rewrites what the partner did not touch (the API refuses an empty body).
 */
import type { components } from '@laras/sdk';
import type { WebhookEndpoint } from './console-queries.ts';
import type { EventType } from './event-filter.ts';

export type EndpointChanges = components['schemas']['UpdateWebhookEndpointRequest'];

/** The edit form's values, trimmed by `endpointChanges`; `eventTypes` null is every type. */
export type EndpointDraft = { url: string; description: string; eventTypes: EventType[] | null };

function sameFilter(a: readonly EventType[] | null, b: readonly EventType[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((type) => b.includes(type));
}

/** The PATCH body for `draft` against the stored `endpoint`, or null when nothing changed. */
export function endpointChanges(endpoint: WebhookEndpoint, draft: EndpointDraft): EndpointChanges | null {
  const changes: EndpointChanges = {};
  const url = draft.url.trim();
  const description = draft.description.trim();
  if (url !== endpoint.url) changes.url = url;
  if (description !== endpoint.description) changes.description = description;
  if (!sameFilter(draft.eventTypes, endpoint.event_types)) changes.event_types = draft.eventTypes;
  return Object.keys(changes).length > 0 ? changes : null;
}
