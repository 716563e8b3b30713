import { describe, expect, it } from 'vitest';
import { RevisionCache } from './revision-cache.ts';

const at = (workspaceId: string, revision: number) => ({ workspaceId, revision });

describe('RevisionCache', () => {
  it('answers only for the workspace and revision a value was kept for', () => {
    const cache = new RevisionCache<string>({ maxEntries: 10, maxWeight: 100 });
    cache.set(at('ws_a', 7), 'a7', 1);
    expect(cache.get(at('ws_a', 7))).toBe('a7');
    expect(cache.get(at('ws_a', 8))).toBeUndefined();
    expect(cache.get(at('ws_a', 6))).toBeUndefined();
    expect(cache.get(at('ws_b', 7))).toBeUndefined();
  });

  it('keeps one value per workspace: a newer revision replaces it, an older one never does', () => {
    const cache = new RevisionCache<string>({ maxEntries: 10, maxWeight: 100 });
    cache.set(at('ws_a', 1), 'a1', 10);
    cache.set(at('ws_a', 2), 'a2', 20);
    expect(cache.get(at('ws_a', 1))).toBeUndefined();
    expect(cache.get(at('ws_a', 2))).toBe('a2');
    expect({ size: cache.size, weight: cache.weight }).toEqual({ size: 1, weight: 20 });

    cache.set(at('ws_a', 1), 'a1 read late', 10);
    expect(cache.get(at('ws_a', 2))).toBe('a2');
    expect(cache.get(at('ws_a', 1))).toBeUndefined();
  });

  it('evicts the least recently used past the entry bound', () => {
    const cache = new RevisionCache<string>({ maxEntries: 2, maxWeight: 100 });
    cache.set(at('ws_a', 1), 'a', 1);
    cache.set(at('ws_b', 1), 'b', 1);
    expect(cache.get(at('ws_a', 1))).toBe('a'); // now b is the least recently used
    cache.set(at('ws_c', 1), 'c', 1);
    expect(cache.get(at('ws_b', 1))).toBeUndefined();
    expect(cache.get(at('ws_a', 1))).toBe('a');
    expect(cache.get(at('ws_c', 1))).toBe('c');
    expect(cache.size).toBe(2);
  });

  it('evicts the least recently used past the weight bound, and never keeps a value heavier than it', () => {
    const cache = new RevisionCache<string>({ maxEntries: 10, maxWeight: 100 });
    cache.set(at('ws_a', 1), 'a', 40);
    cache.set(at('ws_b', 1), 'b', 40);
    cache.set(at('ws_c', 1), 'c', 40);
    expect(cache.get(at('ws_a', 1))).toBeUndefined();
    expect({ size: cache.size, weight: cache.weight }).toEqual({ size: 2, weight: 80 });

    cache.set(at('ws_d', 1), 'd', 101);
    expect(cache.get(at('ws_d', 1))).toBeUndefined();
    expect({ size: cache.size, weight: cache.weight }).toEqual({ size: 2, weight: 80 });
  });
});
