import { describe, expect, it } from 'vitest';
import { queueCountLabel } from './queue-count.ts';

describe('queueCountLabel', () => {
  it('shows no badge for an empty or unloaded queue', () => {
    expect(queueCountLabel(undefined)).toBeNull();
    expect(queueCountLabel({ data: [], has_more: false })).toBeNull();
  });

  it('counts the waiting drafts, and says when there are more than one page', () => {
    expect(queueCountLabel({ data: [1, 2, 3], has_more: false })).toBe('3');
    expect(queueCountLabel({ data: Array.from({ length: 100 }), has_more: true })).toBe('100+');
  });
});
