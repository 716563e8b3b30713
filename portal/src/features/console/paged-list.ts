/**
 * The console's lists are read a page at a time (`{ data, has_more, next_cursor }`) and grow with
 * "Load more". These are the pure rules (page sizes, the next cursor, the items so far and what the
 * footer says), kept apart from the hooks so they are tested without a browser.
 */

/** One page of a list operation. */
export type Page<T> = { data: readonly T[]; has_more: boolean; next_cursor: string | null };

/**
 * How many rows each console list asks for at a time. Workspaces are fewer per page because each
 * row reads its own status (three calls), and a console session's rate budget is shared by them.
 */
export const PAGE_SIZE = { workspaces: 25, apiKeys: 50, endpoints: 20, attempts: 10 } as const;

/** What a list holds, for the sentences about it: "1 workspace", "2 workspaces". */
export type Noun = { one: string; many: string };

/** The cursor of the page after `page`, or undefined when it was the last (TanStack's "no next page"). */
export function nextCursor(page: Page<unknown>): string | undefined {
  return page.has_more && page.next_cursor ? page.next_cursor : undefined;
}

/** Every item of the pages read so far, in order, each once (a row can move between pages between reads). */
export function itemsOf<T extends { id: string }>(pages: readonly Page<T>[]): T[] {
  const seen = new Set<string>();
  const items: T[] = [];
  for (const page of pages) {
    for (const item of page.data) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      items.push(item);
    }
  }
  return items;
}

/**
 * What the footer of a list says: how many rows are shown and whether there are more. While there
 * are, the total is unknown, so it is not claimed ("Showing 25 workspaces; there are more.").
 */
export function shownText(count: number, more: boolean, noun: Noun): string {
  const rows = `${count} ${count === 1 ? noun.one : noun.many}`;
  if (more) return `Showing ${rows}; there are more.`;
  return count === 1 ? `Showing ${rows}.` : `Showing all ${rows}.`;
}
