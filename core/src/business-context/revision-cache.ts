/*
 * Why: every request and job reads its workspace's business context fresh from the database, so a
 * value derived from it (the drafter's search index) would be built anew for each of them. This
 * keeps one value per workspace, with the revision of the context it was derived from, for the
 * process's life, and forgets the least recently used first once more than `maxEntries` values or
 * more than `maxWeight` in all (say, characters of context text) are kept.
 */

/** What a cached value is keyed by: a stored context's workspace and revision. */
export type ContextRevision = { workspaceId: string; revision: number };

export type RevisionCacheBounds = {
  /** At most this many workspaces' values. */
  maxEntries: number;
  /** At most this much weight in all; a value heavier than this alone is never kept. */
  maxWeight: number;
};

type Entry<T> = { revision: number; value: T; weight: number };

/** A bounded, least-recently-used cache of one derived value per workspace and revision. */
export class RevisionCache<T> {
  // A Map iterates in insertion order: re-inserting on every hit keeps the least recent first.
  readonly #entries = new Map<string, Entry<T>>();
  readonly #bounds: RevisionCacheBounds;
  #weight = 0;

  constructor(bounds: RevisionCacheBounds) {
    if (!(bounds.maxEntries >= 1 && bounds.maxWeight > 0)) throw new RangeError('bounds must be positive');
    this.#bounds = bounds;
  }

  /** The value derived from exactly this revision of the workspace's context, if kept. */
  get(key: ContextRevision): T | undefined {
    const entry = this.#entries.get(key.workspaceId);
    if (!entry || entry.revision !== key.revision) return undefined;
    this.#entries.delete(key.workspaceId);
    this.#entries.set(key.workspaceId, entry);
    return entry.value;
  }

  /**
   * Keeps `value` as the workspace's, in place of any value of an older revision. A value of an
   * older revision than the one kept (a read that lost a race with a write) is not kept, and
   * neither is one heavier than `maxWeight`.
   */
  set(key: ContextRevision, value: T, weight: number): void {
    const current = this.#entries.get(key.workspaceId);
    if (current && current.revision > key.revision) return;
    if (current) this.#remove(key.workspaceId, current);
    if (weight > this.#bounds.maxWeight) return;
    this.#entries.set(key.workspaceId, { revision: key.revision, value, weight });
    this.#weight += weight;
    for (const [workspaceId, entry] of this.#entries) {
      if (this.#entries.size <= this.#bounds.maxEntries && this.#weight <= this.#bounds.maxWeight) break;
      this.#remove(workspaceId, entry);
    }
  }

  /** How many values are kept. */
  get size(): number {
    return this.#entries.size;
  }

  /** The weight of the values kept. */
  get weight(): number {
    return this.#weight;
  }

  #remove(workspaceId: string, entry: Entry<T>): void {
    this.#entries.delete(workspaceId);
    this.#weight -= entry.weight;
  }
}
