import { describe, expect, it } from 'vitest';
import { connectionsLabel, lastActivity, pendingLabel } from './workspace-status.ts';

describe('connectionsLabel', () => {
  it('says how many connections are active', () => {
    expect(connectionsLabel([])).toBe('Not connected');
    expect(connectionsLabel([{ status: 'active' }, { status: 'active' }])).toBe('2 connected');
    expect(connectionsLabel([{ status: 'active' }, { status: 'disconnected' }])).toBe('1 of 2 connected');
  });

  it('claims no total when there were more connections than one page', () => {
    expect(connectionsLabel([{ status: 'active' }, { status: 'active' }], true)).toBe('2+ connected');
    expect(connectionsLabel([{ status: 'active' }, { status: 'disconnected' }], true)).toBe(
      '1+ of 2+ connected',
    );
  });
});

describe('pendingLabel', () => {
  it('counts pending drafts, with + when the page was full', () => {
    expect(pendingLabel(0, false)).toBe('No pending drafts');
    expect(pendingLabel(1, false)).toBe('1 pending draft');
    expect(pendingLabel(3, false)).toBe('3 pending drafts');
    expect(pendingLabel(20, true)).toBe('20+ pending drafts');
  });
});

describe('lastActivity', () => {
  it('is the newest last_message_at, or null', () => {
    expect(lastActivity([])).toBeNull();
    expect(
      lastActivity([
        { last_message_at: '2026-01-01T00:00:00Z' },
        { last_message_at: null },
        { last_message_at: '2026-02-01T00:00:00Z' },
      ]),
    ).toBe('2026-02-01T00:00:00Z');
  });
});
