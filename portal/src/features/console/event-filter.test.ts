import { LARAS_EVENT_TYPES } from '@laras/sdk';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPE_MEANINGS, EVENT_TYPES, filterLabel } from './event-filter.ts';

describe('EVENT_TYPES', () => {
  it('is the spec’s catalog, each type with a meaning', () => {
    expect(EVENT_TYPES).toEqual(LARAS_EVENT_TYPES);
    expect(Object.keys(EVENT_TYPE_MEANINGS).sort()).toEqual([...EVENT_TYPES].sort());
  });
});

describe('filterLabel', () => {
  it('says "All events" without a filter, else lists the types in catalog order', () => {
    expect(filterLabel(null)).toBe('All events');
    expect(filterLabel(['message.received'])).toBe('message.received');
    expect(filterLabel(['message.sent', 'workspace.created'])).toBe('workspace.created, message.sent');
  });
});
