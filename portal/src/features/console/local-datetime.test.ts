import { describe, expect, it } from 'vitest';
import { localInputToIso, toLocalInput } from './local-datetime.ts';

describe('toLocalInput / localInputToIso', () => {
  it('round-trips a minute in the local time zone', () => {
    const date = new Date(2026, 11, 1, 9, 5);
    expect(toLocalInput(date)).toBe('2026-12-01T09:05');
    expect(localInputToIso('2026-12-01T09:05')).toBe(date.toISOString());
  });

  it('is null for an empty or malformed value', () => {
    expect(localInputToIso('')).toBeNull();
    expect(localInputToIso('yesterday')).toBeNull();
    expect(localInputToIso('2026-12-01')).toBeNull();
    expect(localInputToIso('2026-13-45T99:99')).toBeNull();
  });
});
