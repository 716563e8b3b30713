/**
 * Keyset cursors over (time, id), newest first: conversations page by latest activity and messages
 * by when they were sent, neither of which follows id order. Opaque to callers; one we did not
 * make is a 400 on `cursor`.
 */
import type { Knex } from 'knex';
import type { Page, PageRequest } from '../db/index.ts';
import { invalidRequest } from '../errors/index.ts';

const VERSION = 't1';

function encode(at: Date, id: string): string {
  return Buffer.from(`${VERSION}|${at.toISOString()}|${id}`, 'utf8').toString('base64url');
}

function decode(cursor: string): { at: Date; id: string } {
  const [version, iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const at = new Date(iso ?? '');
  if (version !== VERSION || !id || !/^[a-z]+_[0-9A-Z]{26}$/.test(id) || Number.isNaN(at.getTime())) {
    throw invalidRequest([{ path: 'cursor', message: 'cursor is not one this API returned.' }]);
  }
  return { at, id };
}

/** One page of `query` ordered by (`timeColumn`, `idColumn`) descending. */
export async function fetchTimePage<Row extends Record<string, unknown>>(
  query: Knex.QueryBuilder,
  columns: { time: string; id: string },
  page: PageRequest,
  read: (row: Row) => { at: Date; id: string },
): Promise<Page<Row>> {
  if (page.cursor) {
    const after = decode(page.cursor);
    query.whereRaw(`(??, ??) < (?, ?)`, [columns.time, columns.id, after.at, after.id]);
  }
  const rows = (await query
    .orderBy(columns.time, 'desc')
    .orderBy(columns.id, 'desc')
    .limit(page.limit + 1)) as Row[];
  const hasMore = rows.length > page.limit;
  const data = hasMore ? rows.slice(0, page.limit) : rows;
  const last = data.at(-1);
  const key = last ? read(last) : undefined;
  return { data, hasMore, nextCursor: hasMore && key ? encode(key.at, key.id) : null };
}
