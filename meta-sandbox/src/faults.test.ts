import { describe, expect, it } from 'vitest';
import { Faults, faultProblem } from './faults.ts';

describe('Faults', () => {
  it('a fault with a target hits only calls for that id; one without hits any call', () => {
    const faults = new Faults();
    faults.inject({ operation: 'graph.messages', kind: 'server_error', target: '730000000000001', times: 2 });
    expect(faults.targeted('graph.messages')).toBe(true);
    expect(faults.targeted('ig.messages')).toBe(false);
    expect(faults.take('graph.messages', ['730000000000003'])).toBeUndefined();
    expect(faults.take('graph.messages')).toBeUndefined();
    expect(faults.take('graph.messages', ['730000000000001'])).toEqual({ kind: 'server_error' });
    expect(faults.list()).toEqual([
      { operation: 'graph.messages', kind: 'server_error', remaining: 1, target: '730000000000001' },
    ]);
    faults.inject({ operation: 'graph.messages', kind: 'slow', delayMs: 20 });
    expect(faults.take('graph.messages', ['730000000000003'])).toEqual({ kind: 'slow', delayMs: 20 });
  });

  it('holds calls until released, oldest first, and tells when enough are held', async () => {
    const faults = new Faults();
    const done: string[] = [];
    const twoHeld = faults.whenHeld(2);
    const first = faults.hold('graph.messages', ['a']).then(() => done.push('a'));
    const second = faults.hold('graph.messages', ['b']).then(() => done.push('b'));
    await twoHeld;
    expect(faults.held()).toEqual([
      { operation: 'graph.messages', targets: ['a'] },
      { operation: 'graph.messages', targets: ['b'] },
    ]);
    expect(faults.release(1)).toBe(1);
    await first;
    expect(done).toEqual(['a']);
    expect(faults.held()).toHaveLength(1);
    faults.clear();
    await second;
    expect(done).toEqual(['a', 'b']);
    expect(faults.held()).toEqual([]);
    await faults.whenHeld(0);
  });

  it('refuses faults that cannot apply', () => {
    expect(faultProblem({ operation: 'graph.messages', kind: 'slow' })).toMatch(/delayMs/);
    expect(faultProblem({ operation: 'graph.messages', kind: 'slow', delayMs: 0 })).toMatch(/delayMs/);
    expect(faultProblem({ operation: 'graph.messages', kind: 'hold', delayMs: 5 })).toMatch(/only applies/);
    expect(faultProblem({ operation: 'es.finish', kind: 'hold' })).toMatch(/dialog/);
    expect(faultProblem({ operation: 'es.dialog', kind: 'server_error', target: 'x' })).toMatch(/no target/);
    expect(faultProblem({ operation: 'ig.messages', kind: 'hold', target: '' })).toMatch(/target/);
    expect(faultProblem({ operation: 'ig.messages', kind: 'hold', target: '1784' })).toBeUndefined();
    expect(() => new Faults().inject({ operation: 'graph.messages', kind: 'slow' })).toThrow(RangeError);
  });
});
