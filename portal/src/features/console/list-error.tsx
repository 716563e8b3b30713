import { ErrorAlert } from '../../layout/error-alert.tsx';

/** What ListError needs of a list's infinite query. */
export type ListRead = {
  isError: boolean;
  isFetchNextPageError: boolean;
  isFetching: boolean;
  error: Error | null;
  refetch: () => Promise<unknown>;
};

/**
 * A list that could not be read (or read again after a change), with a button to try again. A
 * failed further page is LoadMore's to show, beside its button, with the rows read so far kept.
 */
export function ListError({ list }: { list: ListRead }) {
  if (!list.isError || list.isFetchNextPageError) return null;
  return (
    <div className="load-more">
      <ErrorAlert error={list.error} />
      <button
        type="button"
        className="secondary"
        aria-disabled={list.isFetching}
        onClick={() => {
          if (!list.isFetching) void list.refetch();
        }}
      >
        {list.isFetching ? 'Trying again…' : 'Try again'}
      </button>
    </div>
  );
}
