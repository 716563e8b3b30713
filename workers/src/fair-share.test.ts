import { describe, expect, it } from 'vitest';
import { FairShare } from './fair-share.ts';

describe('FairShare', () => {
  it('gives each tenant at most `limit` slots, independently of the others', () => {
    const share = new FairShare(2);
    const first = share.tryAcquire('ptn_a');
    const second = share.tryAcquire('ptn_a');
    expect(first).toBeTypeOf('function');
    expect(second).toBeTypeOf('function');
    expect(share.tryAcquire('ptn_a')).toBeUndefined();
    expect(share.tryAcquire('ptn_b')).toBeTypeOf('function');
    expect(share.running('ptn_a')).toBe(2);

    first?.();
    first?.(); // giving a slot back twice frees it once
    expect(share.running('ptn_a')).toBe(1);
    expect(share.tryAcquire('ptn_a')).toBeTypeOf('function');
    expect(share.tryAcquire('ptn_a')).toBeUndefined();
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new FairShare(0)).toThrow(RangeError);
    expect(() => new FairShare(1.5)).toThrow(RangeError);
  });
});
