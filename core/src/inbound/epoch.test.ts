import { describe, expect, it } from 'vitest';
import { EpochSchema } from './epoch.ts';

describe('EpochSchema', () => {
  it('reads seconds and milliseconds, as numbers or digit strings', () => {
    const at = new Date('2025-06-08T20:59:43.000Z');
    expect(EpochSchema.parse('1749416383')).toEqual(at);
    expect(EpochSchema.parse(1749416383)).toEqual(at);
    expect(EpochSchema.parse(1749416383000)).toEqual(at);
    expect(EpochSchema.parse('1749416383000')).toEqual(at);
  });

  it('rejects text, negative, fractional and out-of-range values', () => {
    for (const bad of ['yesterday', '', -1, 1.5, 1e300, '2025-06-08T20:59:43Z', null]) {
      expect(EpochSchema.safeParse(bad).success).toBe(false);
    }
  });
});
