/**
 * Keyset pagination over time-sortable ids, newest first. The cursor is the last id of a page,
 * wrapped so callers treat it as opaque. Rows inserted while a caller pages have newer ids and
 * land before the first page, so pages never repeat or skip a row.
 */
import type { Knex } from 'knex';
import { invalidRequest } from '../errors/index.ts';

export type PageRequest = { limit: number; cursor?: string | undefined };
export type Page<T> = { data: T[]; hasMore: boolean; nextCursor: string | null };

const CURSOR_VERSION = 'v1';

export function encodeCursor(lastId: string): string {
  return Buffer.from(`${CURSOR_VERSION}:${lastId}`, 'utf8').toString('base64url');
}

/** The id a cursor points after; a cursor we did not make is a 400 on `cursor`. */
export function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const [version, id] = decoded.split(':', 2);
  if (version !== CURSOR_VERSION || !id || !/^[a-z]+_[0-9A-Z]{26}$/.test(id)) {
    throw invalidRequest([{ path: 'cursor', message: 'cursor is not one this API returned.' }]);
  }
  return id;
}

/** Runs `query` (already filtered) for one page, ordered by `idColumn` descending. */
export async function fetchPage<Row extends Record<string, unknown>>(
  query: Knex.QueryBuilder,
  idColumn: string,
  page: PageRequest,
): Promise<Page<Row>> {
  if (page.cursor) query.where(idColumn, '<', decodeCursor(page.cursor));
  const rows = (await query.orderBy(idColumn, 'desc').limit(page.limit + 1)) as Row[];
  const hasMore = rows.length > page.limit;
  const data = hasMore ? rows.slice(0, page.limit) : rows;
  const last = data.at(-1);
  const lastId = last?.[idColumn.split('.').at(-1) ?? idColumn];
  return { data, hasMore, nextCursor: hasMore && typeof lastId === 'string' ? encodeCursor(lastId) : null };
}
