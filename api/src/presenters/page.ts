import type { Page } from '@laras/core';

/** `{ data, has_more, next_cursor }` from a domain page, presenting each item. */
export function presentPage<T, Out>(page: Page<T>, present: (item: T) => Out) {
  return { data: page.data.map(present), has_more: page.hasMore, next_cursor: page.nextCursor };
}
