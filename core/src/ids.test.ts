import { describe, expect, it } from 'vitest';
import { ID_PREFIX, idsMadeFrom, newId, pooledRandom } from './ids.ts';

describe('ids', () => {
  it('are a prefix and a 26-character Crockford ULID', () => {
    for (const kind of Object.keys(ID_PREFIX) as Array<keyof typeof ID_PREFIX>) {
      expect(newId(kind)).toMatch(new RegExp(`^${ID_PREFIX[kind]}_[0-9A-HJKMNP-TV-Z]{26}$`));
    }
  });

  it('never repeat and sort in the order they were made, across milliseconds', () => {
    const ids: string[] = [];
    const until = Date.now() + 5;
    while (Date.now() <= until || ids.length < 20_000) ids.push(newId('message'));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('draw random fractions in [0, 1) that cover every byte value, past several refills of the pool', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 20_000; i++) {
      const value = pooledRandom();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      seen.add(value * 256);
    }
    expect(seen.size).toBe(256);
  });

  it('bound the ids made before a moment from those made from it on', () => {
    const made = newId('webhookEvent');
    const madeAt = Date.now();
    expect(made < idsMadeFrom('webhookEvent', new Date(madeAt + 1))).toBe(true);
    expect(made < idsMadeFrom('webhookEvent', new Date(madeAt - 60_000))).toBe(false);
    expect(newId('webhookEvent') < idsMadeFrom('webhookEvent', new Date(Date.now() - 1))).toBe(false);
    // Another kind's prefix sorts elsewhere: the bound is of one kind only.
    expect(idsMadeFrom('webhookEvent', new Date(madeAt))).toMatch(/^whe_[0-9A-HJKMNP-TV-Z]{10}$/);
  });
});
