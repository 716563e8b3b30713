import { LARAS_EVENT_TYPES } from '@laras/sdk';
import { describe, expect, it } from 'vitest';
import {
  EVENT_TYPE_MEANINGS,
  EVENT_TYPES,
  filterFromPick,
  filterLabel,
  pickFromFilter,
  toggleType,
} from './event-filter.ts';

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

describe('the picker state', () => {
  it('round-trips a stored filter, answering the ticked types in catalog order', () => {
    expect(pickFromFilter(null)).toEqual({ all: true, chosen: new Set() });
    const pick = pickFromFilter(['message.sent', 'workspace.created']);
    expect(pick.all).toBe(false);
    expect(filterFromPick(pick)).toEqual(['workspace.created', 'message.sent']);
    expect(filterFromPick({ ...pick, all: true })).toBeNull();
  });

  it('ticks an unticked type and unticks a ticked one, leaving the given set alone', () => {
    const chosen = new Set(['message.sent'] as const);
    expect([...toggleType(chosen, 'message.read')]).toEqual(['message.sent', 'message.read']);
    expect([...toggleType(chosen, 'message.sent')]).toEqual([]);
    expect([...chosen]).toEqual(['message.sent']);
  });
});
