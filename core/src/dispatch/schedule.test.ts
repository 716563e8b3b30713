import { expect, it } from 'vitest';
import { MAX_ATTEMPTS, nextAttemptAfterFailure } from './schedule.ts';

it('follows Svix: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then gives up', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const delays = Array.from({ length: MAX_ATTEMPTS }, (_, i) => {
    const next = nextAttemptAfterFailure(i + 1, now);
    return next ? (next.getTime() - now.getTime()) / 1000 : null;
  });
  expect(delays).toEqual([5, 300, 1800, 7200, 18_000, 36_000, 36_000, null]);
});
