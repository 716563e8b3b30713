/**
 * Group commit: callers that arrive within `maxWaitMs` of the first one (or until `maxBatch` have
 * arrived) are written by one `write` call — one statement, one transaction, one commit — and each
 * caller's promise settles only once that call has: with its own result (by position), or with
 * the call's error, which every caller of that batch (and no other) gets. Batches are independent:
 * a new one starts gathering while earlier ones are still being written.
 */

export type GroupCommitOptions = {
  /** Longest a caller waits for others before its batch is written. */
  maxWaitMs: number;
  /** A batch this large is written at once. */
  maxBatch: number;
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
  let batch: Waiter<I, O>[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    const waiters = batch;
    batch = [];
    clearTimeout(timer);
    timer = undefined;
    Promise.resolve()
      .then(() => write(waiters.map((w) => w.item)))
      .then((results) => {
        if (results.length !== waiters.length) {
          throw new Error(`group commit: ${results.length} results for ${waiters.length} items`);
        }
        waiters.forEach((w, i) => {
          w.resolve(results[i] as O);
        });
      })
      .catch((error: unknown) => {
        for (const w of waiters) w.reject(error);
      });
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      batch.push({ item, resolve, reject });
      if (batch.length >= options.maxBatch) flush();
      else timer ??= setTimeout(flush, options.maxWaitMs);
    });
}
