// One Instagram `comments` / `live_comments` change to a `comment` item. Meta sends the account's own
// comments (its replies) back as webhooks; they are marked `own` so they never count as customer comments.
import { compact } from '../compact.ts';
import type { InboundItem } from '../types.ts';
import { describeIssues, unparseable } from '../unparseable.ts';
import { InstagramCommentSchema } from './schemas.ts';

/** The item for one comment change of the entry of account `accountId`, stamped with the entry time. */
export function parseInstagramComment(
  value: unknown,
  field: 'comments' | 'live_comments',
  accountId: string,
  time: Date | undefined,
): InboundItem {
  const parsed = InstagramCommentSchema.safeParse(value);
  if (!parsed.success) {
    return unparseable('instagram', accountId, describeIssues('invalid comment', parsed.error), value);
  }
  if (!time) return unparseable('instagram', accountId, 'comment entry without time', value);
  const c = parsed.data;
  return {
    kind: 'comment',
    channel: 'instagram',
    surface: 'instagram_comment',
    routingId: accountId,
    providerMessageId: c.id,
    from: compact({ id: c.from.id, username: c.from.username }),
    text: c.text,
    media: compact({
      id: c.media.id,
      productType: c.media.media_product_type,
      adId: c.media.ad_id,
      originalMediaId: c.media.original_media_id,
    }),
    parentId: c.parent_id ?? null,
    own: c.from.id === accountId,
    live: field === 'live_comments',
    timestamp: time,
  };
}
