import { describe, expect, it } from 'vitest';
import { itemsOf, nextCursor, shownText } from './paged-list.ts';

const workspaces = { one: 'workspace', many: 'workspaces' };

describe('nextCursor', () => {
  it('is the next_cursor while there are more pages, and undefined at the end', () => {
    expect(nextCursor({ data: [], has_more: true, next_cursor: 'c_2' })).toBe('c_2');
    expect(nextCursor({ data: [], has_more: false, next_cursor: null })).toBeUndefined();
    // No way on to the next page: the list ends there rather than reading the first page again.
    expect(nextCursor({ data: [], has_more: true, next_cursor: null })).toBeUndefined();
  });
});

describe('itemsOf', () => {
  it('joins the pages in order, keeping each item once', () => {
    const pages = [
      { data: [{ id: 'ws_3' }, { id: 'ws_2' }], has_more: true, next_cursor: 'c' },
      { data: [{ id: 'ws_2' }, { id: 'ws_1' }], has_more: false, next_cursor: null },
    ];
    expect(itemsOf(pages).map((item) => item.id)).toEqual(['ws_3', 'ws_2', 'ws_1']);
    expect(itemsOf([])).toEqual([]);
  });
});

describe('shownText', () => {
  it('never claims a total while there are more pages', () => {
    expect(shownText(25, true, workspaces)).toBe('Showing 25 workspaces; there are more.');
    expect(shownText(1, true, workspaces)).toBe('Showing 1 workspace; there are more.');
  });

  it('says all are shown once the last page is read', () => {
    expect(shownText(27, false, workspaces)).toBe('Showing all 27 workspaces.');
    expect(shownText(1, false, workspaces)).toBe('Showing 1 workspace.');
  });
});
