import { describe, expect, it } from 'vitest';
import { nextPublishAttempt, svixEventId } from './schedule.ts';

describe('svixEventId', () => {
  it('keeps a Laras event id, which already matches the pattern', () => {
    expect(svixEventId('evt_01JABCDEFGHJKMNPQRSTVWXYZ0')).toBe('evt_01JABCDEFGHJKMNPQRSTVWXYZ0');
  });

  it('hashes anything outside the pattern, stably', () => {
    const id = svixEventId('wamid.HBgM+/x=');
    expect(id).toMatch(/^sha256\.[0-9a-f]{64}$/);
    expect(svixEventId('wamid.HBgM+/x=')).toBe(id);
  });
});

describe('nextPublishAttempt', () => {
  it('backs off and then stays at an hour', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(nextPublishAttempt(1, now).getTime() - now.getTime()).toBe(5_000);
    expect(nextPublishAttempt(2, now).getTime() - now.getTime()).toBe(30_000);
    expect(nextPublishAttempt(50, now).getTime() - now.getTime()).toBe(3_600_000);
  });
});
