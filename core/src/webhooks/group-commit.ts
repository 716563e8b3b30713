/**
 * Group commit: callers that arrive within `maxWaitMs` of the first one (or until `maxBatch` have
 * arrived) are written by one `write` call — one statement, one transaction, one commit — and each
 * caller's promise settles only once that call has: with its own result (by position), or with
 * the call's error, which every caller of that batch (and no other) gets.
 *
 * At most `maxWriters` calls run at once. A batch that is due while they all run keeps gathering
 * callers (up to `maxBatch`) until one finishes, so a slow commit makes the next batch larger
 * instead of starting more, smaller ones that compete with it for the database: each call costs
 * the database far more than each row it stores.
 */

export type GroupCommitOptions = {
  /** Longest a caller waits for others before its batch is due. */
  maxWaitMs: number;
  /** A batch this large is due at once, and none is larger. */
  maxBatch: number;
  /** Most `write` calls running at once. */
  maxWriters: number;
};

type Waiter<I, O> = { item: I; resolve: (result: O) => void; reject: (error: unknown) => void };

/**
 * A function that stores one item through batched `write`s. `write` gets the batch's items in
 * arrival order and must answer one result per item, in the same order.
 */
export function groupCommit<I, O>(
  write: (items: I[]) => Promise<O[]>,
  options: GroupCommitOptions,
): (item: I) => Promise<O> {
  /** Callers not yet in a write, in arrival order. */
  let waiting: Waiter<I, O>[] = [];
  /** Whether the oldest waiting caller's batch is due (its wait is over, or a batch is full). */
  let due = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing = 0;

  const settle = (waiters: Waiter<I, O>[], results: O[]) => {
    if (results.length !== waiters.length) {
      throw new Error(`group commit: ${results.length} results for ${waiters.length} items`);
    }
    waiters.forEach((w, i) => {
      w.resolve(results[i] as O);
    });
  };

  /** Starts writes of due batches while a writer is free. */
  const pump = () => {
    while (due && writing < options.maxWriters && waiting.length > 0) {
      const batch = waiting.slice(0, options.maxBatch);
      waiting = waiting.slice(batch.length);
      // Whoever is left arrived while a due batch waited for a writer: they go with the next one.
      due = waiting.length > 0;
      clearTimeout(timer);
      timer = undefined;
      writing += 1;
      Promise.resolve()
        .then(() => write(batch.map((w) => w.item)))
        .then((results) => settle(batch, results))
        .catch((error: unknown) => {
          for (const w of batch) w.reject(error);
        })
        .finally(() => {
          writing -= 1;
          pump();
        });
    }
  };

  const expire = () => {
    timer = undefined;
    due = true;
    pump();
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (waiting.length >= options.maxBatch) {
        due = true;
        pump();
      } else if (!due) {
        timer ??= setTimeout(expire, options.maxWaitMs);
      }
    });
}
