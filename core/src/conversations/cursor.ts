/**
 * Keyset cursors over (time, id), newest first: conversations page by latest activity and messages
 * by when they were sent, neither of which follows id order. The time is carried in microseconds,
 * as PostgreSQL stores it (a JavaScript Date would round it to milliseconds, and rows within the
 * same millisecond would be skipped). Opaque to callers; one we did not make is a 400 on `cursor`.
 */
import type { Knex } from 'knex';
import type { Page, PageRequest } from '../db/index.ts';
import { invalidRequest } from '../errors/index.ts';

const VERSION = 't1';
/**
 * A UTC time as `encode` writes it: a four-digit year and microseconds (cursors made before the
 * microseconds were kept have milliseconds, and still work).
 */
const CURSOR_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3})(\d{3})?Z$/;
/** The page's time column in that form, selected beside the row. */
const PAGE_AT = 'page_cursor_at';

function encode(at: string, id: string): string {
  return Buffer.from(`${VERSION}|${at}|${id}`, 'utf8').toString('base64url');
}

/** Whether `time` names a real instant PostgreSQL can hold (not February 30th, not year 0). */
function isCursorTime(time: string): boolean {
  const match = CURSOR_TIME.exec(time);
  const milliseconds = match?.[1] ? `${match[1]}Z` : '';
  const at = new Date(milliseconds);
  return !Number.isNaN(at.getTime()) && at.toISOString() === milliseconds && at.getUTCFullYear() >= 1;
}

function decode(cursor: string): { at: string; id: string } {
  const [version, at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (version !== VERSION || !id || !/^[a-z]+_[0-9A-Z]{26}$/.test(id) || !at || !isCursorTime(at)) {
    throw invalidRequest([{ path: 'cursor', message: 'cursor is not one this API returned.' }]);
  }
  return { at, id };
}

/** One page of `query` ordered by (`columns.time`, `columns.id`) descending. */
export async function fetchTimePage<Row extends Record<string, unknown>>(
  query: Knex.QueryBuilder,
  columns: { time: string; id: string },
  page: PageRequest,
): Promise<Page<Row>> {
  if (page.cursor) {
    const after = decode(page.cursor);
    query.whereRaw('(??, ??) < (?::timestamptz, ?)', [columns.time, columns.id, after.at, after.id]);
  }
  const pageAt: Knex.Raw = query.client.raw(
    `to_char(?? at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as ${PAGE_AT}`,
    [columns.time],
  );
  const rows = (await query
    .select(pageAt)
    .orderBy(columns.time, 'desc')
    .orderBy(columns.id, 'desc')
    .limit(page.limit + 1)) as Row[];
  const hasMore = rows.length > page.limit;
  const data = hasMore ? rows.slice(0, page.limit) : rows;
  const last = data.at(-1);
  const at = last?.[PAGE_AT];
  const id = last?.[columns.id.split('.').at(-1) ?? columns.id];
  return {
    data,
    hasMore,
    nextCursor: hasMore && typeof at === 'string' && typeof id === 'string' ? encode(at, id) : null,
  };
}
