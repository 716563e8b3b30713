import { afterEach, describe, expect, it, vi } from 'vitest';
import { groupCommit } from './group-commit.ts';

/** A write whose calls are recorded and settled by the test. */
function controlledWrite() {
  const calls: Array<{ items: number[]; resolve: (r: string[]) => void; reject: (e: unknown) => void }> = [];
  const write = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      calls.push({ items, resolve, reject });
    });
  return { calls, write };
}

/** Whether a promise has settled once pending callbacks have run (no timers involved). */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
  return done;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('groupCommit', () => {
  it('writes the callers of one window with one call and answers each its own result, only after the write', async () => {
    vi.useFakeTimers();
    const { calls, write } = controlledWrite();
    const store = groupCommit(write, { maxWaitMs: 5, maxBatch: 100, maxWriters: 2 });
    const answers = [store(1), store(2), store(3)];
    await vi.advanceTimersByTimeAsync(4);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => c.items)).toEqual([[1, 2, 3]]);
    expect(await settled(answers[0] as Promise<string>)).toBe(false);
    calls[0]?.resolve(['one', 'two', 'three']);
    expect(await Promise.all(answers)).toEqual(['one', 'two', 'three']);
  });

  it('writes a full batch at once and starts the next one while it is still being written', async () => {
    const { calls, write } = controlledWrite();
    const store = groupCommit(write, { maxWaitMs: 60_000, maxBatch: 2, maxWriters: 2 });
    const first = [store(1), store(2)];
    const second = [store(3), store(4)];
    await Promise.resolve();
    expect(calls.map((c) => c.items)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    calls[1]?.resolve(['c', 'd']);
    expect(await Promise.all(second)).toEqual(['c', 'd']);
    expect(await settled(Promise.all(first))).toBe(false);
    calls[0]?.resolve(['a', 'b']);
    expect(await Promise.all(first)).toEqual(['a', 'b']);
  });

  it('fails every caller of a failed batch with its error, and no caller of another batch', async () => {
    const { calls, write } = controlledWrite();
    const store = groupCommit(write, { maxWaitMs: 60_000, maxBatch: 2, maxWriters: 2 });
    const failed = [store(1), store(2)];
    const ok = [store(3), store(4)];
    await Promise.resolve();
    const outage = new Error('connection refused');
    calls[0]?.reject(outage);
    calls[1]?.resolve(['c', 'd']);
    for (const answer of failed) await expect(answer).rejects.toBe(outage);
    expect(await Promise.all(ok)).toEqual(['c', 'd']);
  });

  it('fails the batch when the write answers a different number of results', async () => {
    const store = groupCommit(async (items: number[]) => items.slice(1).map(String), {
      maxWaitMs: 60_000,
      maxBatch: 2,
      maxWriters: 2,
    });
    const answers = [store(1), store(2)];
    for (const answer of answers) await expect(answer).rejects.toThrow(/1 results for 2 items/);
  });

  it('fails the batch when the write throws before answering a promise', async () => {
    const store = groupCommit<number, string>(
      () => {
        throw new Error('bad input');
      },
      { maxWaitMs: 60_000, maxBatch: 1, maxWriters: 1 },
    );
    await expect(store(1)).rejects.toThrow('bad input');
  });

  it('lets a due batch gather callers while every writer is busy, and writes them together when one is free', async () => {
    vi.useFakeTimers();
    const { calls, write } = controlledWrite();
    const store = groupCommit(write, { maxWaitMs: 2, maxBatch: 100, maxWriters: 1 });
    const first = store(1);
    await vi.advanceTimersByTimeAsync(2);
    expect(calls.map((c) => c.items)).toEqual([[1]]);
    // The first write is slow: callers keep coming, and their batch is due long before it ends.
    const later = [store(2), store(3)];
    await vi.advanceTimersByTimeAsync(10);
    const latest = store(4);
    await vi.advanceTimersByTimeAsync(10);
    expect(calls).toHaveLength(1);
    calls[0]?.resolve(['one']);
    expect(await first).toBe('one');
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3, 4]]);
    calls[1]?.resolve(['two', 'three', 'four']);
    expect(await Promise.all([...later, latest])).toEqual(['two', 'three', 'four']);
  });

  it('never writes more than maxBatch at once, even after gathering more while the writers were busy', async () => {
    const { calls, write } = controlledWrite();
    const store = groupCommit(write, { maxWaitMs: 60_000, maxBatch: 2, maxWriters: 1 });
    const answers = [1, 2, 3, 4, 5].map((n) => store(n));
    await Promise.resolve();
    expect(calls.map((c) => c.items)).toEqual([[1, 2]]);
    calls[0]?.resolve(['a', 'b']);
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]?.items).toEqual([3, 4]);
    calls[1]?.resolve(['c', 'd']);
    // The last caller was left behind a full batch: it goes next, without waiting out a window.
    await vi.waitFor(() => expect(calls).toHaveLength(3));
    expect(calls[2]?.items).toEqual([5]);
    calls[2]?.resolve(['e']);
    expect(await Promise.all(answers)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('frees the writer of a failed batch for the next one', async () => {
    const { calls, write } = controlledWrite();
    const store = groupCommit(write, { maxWaitMs: 60_000, maxBatch: 1, maxWriters: 1 });
    const failed = store(1);
    const next = store(2);
    await Promise.resolve();
    expect(calls).toHaveLength(1);
    calls[0]?.reject(new Error('deadlock detected'));
    await expect(failed).rejects.toThrow('deadlock detected');
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    calls[1]?.resolve(['two']);
    expect(await next).toBe('two');
  });
});
