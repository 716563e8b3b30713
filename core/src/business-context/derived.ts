/*
 * Why: what the drafter and the classifier derive from a business context (a search index, the
 * amounts and contacts it quotes) costs up to a second of CPU for a context of the largest size,
 * and every request and job reads the context fresh from the database. A value derived from a
 * context is kept per workspace and context revision (bounded, see RevisionCache), worked out once
 * for callers asking at the same time, and in slices that yield to the event loop in between, so a
 * first derivation does not hold up everything else the process serves.
 */
import { RevisionCache, type RevisionCacheBounds } from './revision-cache.ts';
import type { BusinessContext } from './types.ts';

export type DerivedSpec<T> = {
  /** Works the value out, yielding after every slice of work (a few milliseconds of CPU). */
  work: (context: BusinessContext) => Generator<void, T>;
  /** What a value holds, in the unit of `bounds.maxWeight`. */
  weigh: (value: T) => number;
  bounds: RevisionCacheBounds;
};

export type Derived<T> = {
  /** The value for the context: the one kept for its revision, or one worked out now, at once. */
  get(context: BusinessContext): T;
  /** The same, worked out in slices when it is not kept yet; afterwards `get` finds it. */
  prepare(context: BusinessContext): Promise<T>;
};

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A value derived from business contexts. Contexts never stored (no revision: a workspace's empty
 * default, tests) are kept per object only.
 */
export function derivedFromContext<T>(spec: DerivedSpec<T>): Derived<T> {
  const byRevision = new RevisionCache<T>(spec.bounds);
  const byObject = new WeakMap<BusinessContext, T>();
  const pending = new Map<string, Promise<T>>();

  const revisionOf = (context: BusinessContext) =>
    context.revision === undefined
      ? undefined
      : { workspaceId: context.workspaceId, revision: context.revision };

  const cached = (context: BusinessContext): T | undefined => {
    const key = revisionOf(context);
    return key ? byRevision.get(key) : byObject.get(context);
  };

  const keep = (context: BusinessContext, value: T): T => {
    const key = revisionOf(context);
    if (key) byRevision.set(key, value, spec.weigh(value));
    else byObject.set(context, value);
    return value;
  };

  const inSlices = async (context: BusinessContext): Promise<T> => {
    const steps = spec.work(context);
    let step = steps.next();
    while (!step.done) {
      await nextTurn();
      step = steps.next();
    }
    // A `get` may have worked it out at once meanwhile; either is this revision's.
    return cached(context) ?? keep(context, step.value);
  };

  return {
    get(context) {
      const found = cached(context);
      if (found !== undefined) return found;
      const steps = spec.work(context);
      let step = steps.next();
      while (!step.done) step = steps.next();
      return keep(context, step.value);
    },
    prepare(context) {
      const found = cached(context);
      if (found !== undefined) return Promise.resolve(found);
      const key = revisionOf(context);
      if (!key) return inSlices(context);
      const name = `${key.workspaceId}\n${key.revision}`;
      let running = pending.get(name);
      if (!running) {
        running = inSlices(context).finally(() => pending.delete(name));
        pending.set(name, running);
      }
      return running;
    },
  };
}
