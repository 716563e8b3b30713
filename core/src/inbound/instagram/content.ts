import { compact } from '../compact.ts';
import type { InboundContent, InboundMedia, InboundMediaKind, InboundReplyTo } from '../content-types.ts';
import type { InstagramAttachment, InstagramMessage } from './schemas.ts';

const MEDIA_KINDS: Record<string, InboundMediaKind> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  file: 'document',
  share: 'share',
  story_mention: 'story_mention',
  ig_reel: 'reel',
  reel: 'reel',
  sticker: 'sticker',
};

function media(a: InstagramAttachment): InboundMedia {
  const kind = MEDIA_KINDS[a.type] ?? 'other';
  return compact({
    kind,
    url: a.payload?.url,
    title: a.payload?.title,
    providerType: kind === 'other' ? a.type : undefined,
  });
}

/** The content of an Instagram DM, or undefined when it carries nothing Laras can show. */
export function instagramContent(m: InstagramMessage): InboundContent | undefined {
  if (m.is_unsupported) return compact<InboundContent>({ type: 'unsupported', text: m.text });
  const attachments = (m.attachments ?? []).map(media);
  const first = attachments[0];
  if (first) return compact<InboundContent>({ type: first.kind, text: m.text, media: attachments });
  if (m.quick_reply) {
    return compact<InboundContent>({
      type: 'choice',
      text: m.text,
      choice: compact({ source: 'quick_reply' as const, title: m.text, payload: m.quick_reply.payload }),
    });
  }
  if (m.text !== undefined) return { type: 'text', text: m.text };
  return undefined;
}

/** What the DM answers: an earlier message or a story. */
export function instagramReplyTo(m: InstagramMessage): InboundReplyTo | undefined {
  const r = m.reply_to;
  if (!r || (r.mid === undefined && r.story === undefined)) return undefined;
  return compact({ messageId: r.mid, story: r.story && compact(r.story) });
}
