import { useEffect, useId, useRef } from 'react';
import { errorText } from '../../api/error-text.ts';
import { type Noun, shownText } from './paged-list.ts';

/** What "Load more" needs of a list's infinite query. */
export type MorePages = {
  data: { pages: readonly unknown[] } | undefined;
  hasNextPage: boolean;
  isFetching: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  error: Error | null;
  fetchNextPage: () => Promise<unknown>;
};

/**
 * The foot of a console list once it is longer than a page: how many rows are shown (never a total
 * it does not know), and a "Load more" button while the API has more. The button says when a page
 * is on its way and, when one failed, why, and becomes "Try again". It is only marked busy (not
 * disabled) while anything of the list is read, so it keeps the keyboard focus; asking for a page
 * then would cancel a refresh after a change. When the last page takes the button away, the focus
 * goes to the count, not to the top of the page.
 */
export function LoadMore(props: { list: MorePages; shown: number; noun: Noun }) {
  const { list, noun } = props;
  const errorId = useId();
  const countRef = useRef<HTMLParagraphElement>(null);
  const asked = useRef(false);

  useEffect(() => {
    if (list.hasNextPage || !asked.current) return;
    asked.current = false;
    if (document.activeElement === null || document.activeElement === document.body) {
      countRef.current?.focus();
    }
  }, [list.hasNextPage]);

  if (!list.data || (!list.hasNextPage && list.data.pages.length <= 1)) return null;
  const busy = list.isFetching;
  const failed = list.isFetchNextPageError;
  return (
    <div className="load-more" data-testid="load-more">
      <p role="status" className="hint" tabIndex={-1} ref={countRef}>
        {shownText(props.shown, list.hasNextPage, noun)}
      </p>
      {failed ? (
        <p role="alert" className="error" id={errorId}>
          More {noun.many} could not be loaded. {errorText(list.error)}
        </p>
      ) : null}
      {list.hasNextPage ? (
        <button
          type="button"
          className="secondary"
          aria-disabled={busy}
          aria-describedby={failed ? errorId : undefined}
          onClick={() => {
            if (busy) return;
            asked.current = true;
            void list.fetchNextPage();
          }}
        >
          {list.isFetchingNextPage
            ? `Loading more ${noun.many}…`
            : failed
              ? 'Try again'
              : `Load more ${noun.many}`}
        </button>
      ) : null}
    </div>
  );
}
