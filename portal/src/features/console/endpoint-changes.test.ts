import { describe, expect, it } from 'vitest';
import type { WebhookEndpoint } from './console-queries.ts';
import { endpointChanges } from './endpoint-changes.ts';

const endpoint: WebhookEndpoint = {
  id: 'whep_1',
  url: 'https://hooks.example.com/laras',
  description: 'Orders',
  event_types: ['workspace.created', 'message.received'],
  disabled: false,
  disabled_reason: null,
  failing_since: null,
  previous_secret_expires_at: null,
  created_at: '2026-12-01T00:00:00Z',
  updated_at: '2026-12-01T00:00:00Z',
};
const unchanged = {
  url: endpoint.url,
  description: endpoint.description,
  eventTypes: ['message.received', 'workspace.created'] as WebhookEndpoint['event_types'],
};

describe('endpointChanges', () => {
  it('is null when nothing changed (the same types in another order, padding around the text)', () => {
    expect(endpointChanges(endpoint, unchanged)).toBeNull();
    expect(
      endpointChanges(endpoint, { ...unchanged, url: ` ${endpoint.url} `, description: 'Orders ' }),
    ).toBeNull();
  });

  it('sends only the changed fields, trimmed', () => {
    expect(endpointChanges(endpoint, { ...unchanged, url: ' https://hooks.example.com/v2 ' })).toEqual({
      url: 'https://hooks.example.com/v2',
    });
    expect(endpointChanges(endpoint, { ...unchanged, description: '  ' })).toEqual({ description: '' });
    expect(endpointChanges(endpoint, { ...unchanged, eventTypes: ['message.received'] })).toEqual({
      event_types: ['message.received'],
    });
  });

  it('clears the filter with null (every type) and sets one on an endpoint without', () => {
    expect(endpointChanges(endpoint, { ...unchanged, eventTypes: null })).toEqual({ event_types: null });
    const all = { ...endpoint, event_types: null };
    expect(endpointChanges(all, { ...unchanged, eventTypes: null })).toBeNull();
    expect(endpointChanges(all, { ...unchanged, eventTypes: ['message.sent'] })).toEqual({
      event_types: ['message.sent'],
    });
  });
});
