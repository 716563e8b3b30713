// Walks an Instagram webhook body: every entry, its `messaging[]` events and its `changes[]`. Each level
// that fails becomes one `unparseable` item and the walk goes on, so nothing in a POST is lost because a
// sibling was malformed.
import type { InboundItem } from '../types.ts';
import { describeIssues, unparseable } from '../unparseable.ts';
import { parseInstagramComment } from './comment.ts';
import { parseInstagramMessaging } from './messaging.ts';
import { InstagramBodySchema, InstagramChangeSchema, InstagramEntrySchema } from './schemas.ts';

/**
 * The items of a parsed Instagram webhook body (`object: 'instagram'`). Never throws. A body that is not
 * an Instagram webhook at all yields one `unparseable` item with `routingId: null`; a body with no entries
 * yields none. `standby[]` events (another app holds the thread) and fields other than comments are
 * returned as `unparseable` items.
 */
export function parseInstagramWebhook(body: unknown): InboundItem[] {
  const parsed = InstagramBodySchema.safeParse(body);
  if (!parsed.success) {
    return [
      unparseable('instagram', null, describeIssues('not an Instagram webhook body', parsed.error), body),
    ];
  }
  return parsed.data.entry.flatMap(parseEntry);
}

function parseEntry(raw: unknown): InboundItem[] {
  const entry = InstagramEntrySchema.safeParse(raw);
  if (!entry.success)
    return [unparseable('instagram', null, describeIssues('invalid entry', entry.error), raw)];
  const { id, time, messaging = [], changes = [], standby = [] } = entry.data;
  const items: InboundItem[] = [
    ...messaging.map((event) => parseInstagramMessaging(event, id)),
    ...changes.map((change) => parseChange(change, id, time)),
    ...standby.map((event) =>
      unparseable('instagram', id, 'standby event (another app holds the thread)', event),
    ),
  ];
  if (items.length === 0) items.push(unparseable('instagram', id, 'entry without messaging or changes', raw));
  return items;
}

function parseChange(raw: unknown, accountId: string, time: Date | undefined): InboundItem {
  const change = InstagramChangeSchema.safeParse(raw);
  if (!change.success) {
    return unparseable('instagram', accountId, describeIssues('invalid change', change.error), raw);
  }
  const { field, value } = change.data;
  if (field === 'comments' || field === 'live_comments') {
    return parseInstagramComment(value, field, accountId, time);
  }
  return unparseable('instagram', accountId, `unhandled field "${field}"`, raw);
}
