/**
 * Every item of a list operation, page after page: `for await (const ws of laras.paginate('listWorkspaces'))`.
 * Lists answer `{ data, has_more, next_cursor }`; this follows `next_cursor` until `has_more` is
 * false, with the caller's filters and `limit` on every page. An error answer ends the iteration
 * with a `LarasApiError` (an iterator has no `{ error }` to resolve with).
 */
import type { OperationId } from '@laras/openapi';
import type { LarasOperations, OperationInit, OperationResult } from './operations.ts';
import type { LarasError } from './types.ts';

type PageOf<Op extends OperationId> = NonNullable<OperationResult<Op>['data']>;

/** The operations that answer a page: `{ data: T[], has_more, next_cursor }`. */
export type ListOperationId = {
  [Op in OperationId]: PageOf<Op> extends {
    data: readonly unknown[];
    has_more: boolean;
    next_cursor: string | null;
  }
    ? Op
    : never;
}[OperationId];

/** One item of a list operation's pages. */
export type ListItem<Op extends ListOperationId> =
  PageOf<Op> extends { data: ReadonlyArray<infer Item> } ? Item : never;

/** What `paginate` takes: the operation's input, its `cursor` being the paginator's to set. */
export type PaginateInit<Op extends ListOperationId> = OperationInit<Op>;

/** An error answer met while paging: the status and the API's error body. */
export class LarasApiError extends Error {
  override readonly name: string = 'LarasApiError';
  /** The HTTP status of the answer. */
  readonly status: number;
  /** The API's error: `code`, `message`, `request_id`, and `param` where one field is at fault. */
  readonly error: LarasError['error'];

  constructor(status: number, body: LarasError) {
    super(`${body.error.code}: ${body.error.message} (request ${body.error.request_id})`);
    this.status = status;
    this.error = body.error;
  }
}

type Page = { data: unknown[]; has_more: boolean; next_cursor: string | null };
type Init = { params?: { query?: Record<string, unknown> } & Record<string, unknown> } & Record<
  string,
  unknown
>;
type Call = (init: Init) => Promise<{ data?: Page; error?: LarasError; response: Response }>;

export function bindPaginate(operations: LarasOperations) {
  return async function* paginate<Op extends ListOperationId>(
    operationId: Op,
    ...[init]: undefined extends PaginateInit<Op> ? [init?: PaginateInit<Op>] : [init: PaginateInit<Op>]
  ): AsyncGenerator<ListItem<Op>, void, undefined> {
    // The operation's precise types are checked at the call above; one page looks like any other.
    const call = operations[operationId] as unknown as Call;
    const given = (init ?? {}) as Init;
    let cursor = given.params?.query?.cursor as string | undefined;
    const asked = new Set<string | undefined>([cursor]);
    for (;;) {
      const {
        data: page,
        error,
        response,
      } = await call({
        ...given,
        params: { ...given.params, query: { ...given.params?.query, cursor } },
      });
      if (error || !page) {
        throw new LarasApiError(response.status, error ?? unexpected(response));
      }
      for (const item of page.data) yield item as ListItem<Op>;
      if (!page.has_more) return;
      // More pages but no way to them, or back to a page already read (asked for for ever): stop loudly.
      if (!page.next_cursor || asked.has(page.next_cursor)) {
        throw new LarasApiError(response.status, brokenPaging(response, page.next_cursor));
      }
      cursor = page.next_cursor;
      asked.add(cursor);
    }
  };
}

function brokenPaging(response: Response, nextCursor: string | null): LarasError {
  const problem =
    nextCursor === null
      ? 'said there were more pages but gave no next_cursor'
      : 'answered a next_cursor it had already been asked with';
  return {
    error: {
      code: 'internal_error',
      message: `The API ${problem}; paging stopped so as not to miss or repeat items.`,
      request_id: response.headers.get('X-Request-Id') ?? '',
    },
  };
}

function unexpected(response: Response): LarasError {
  return {
    error: {
      code: 'internal_error',
      message: `HTTP ${response.status} answered no page.`,
      request_id: response.headers.get('X-Request-Id') ?? '',
    },
  };
}
