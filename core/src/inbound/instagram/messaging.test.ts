import { describe, expect, it } from 'vitest';
import { parseInstagramWebhook } from './parse.ts';

// Payload facts from Meta's Instagram webhook examples (shared/reference/meta.md §6.1): entry.id is the
// business account, sender/recipient swap on echoes, times are epoch milliseconds.
const ACCOUNT = '17841400000000001';
const IGSID = '1234567890123456';
const MS = 1569262485349;
const AT = new Date(MS);

function body(event: Record<string, unknown>, sender = IGSID, recipient = ACCOUNT) {
  return {
    object: 'instagram',
    entry: [
      {
        id: ACCOUNT,
        time: 1569262486134,
        messaging: [{ sender: { id: sender }, recipient: { id: recipient }, timestamp: MS, ...event }],
      },
    ],
  };
}

const dm = {
  kind: 'message',
  channel: 'instagram',
  surface: 'instagram_dm',
  routingId: ACCOUNT,
  from: { id: IGSID },
  timestamp: AT,
};

describe('parseInstagramWebhook: DMs', () => {
  it('reads a text DM', () => {
    const items = parseInstagramWebhook(
      body({ message: { mid: 'SYNTHETIC_MID_0001', text: 'Hi! Is the blue bag still available?' } }),
    );
    expect(items).toEqual([
      {
        ...dm,
        providerMessageId: 'SYNTHETIC_MID_0001',
        type: 'text',
        text: 'Hi! Is the blue bag still available?',
      },
    ]);
  });

  it('turns an echo of the business’s own message into an echo item, never a customer message', () => {
    const items = parseInstagramWebhook(
      body(
        {
          message: { mid: 'SYNTHETIC_MID_0002', text: 'Yes, it is. Want me to reserve one?', is_echo: true },
        },
        ACCOUNT,
        IGSID,
      ),
    );
    expect(items).toEqual([
      {
        kind: 'echo',
        channel: 'instagram',
        surface: 'instagram_dm',
        routingId: ACCOUNT,
        providerMessageId: 'SYNTHETIC_MID_0002',
        recipientId: IGSID,
        timestamp: AT,
        type: 'text',
        text: 'Yes, it is. Want me to reserve one?',
      },
    ]);
  });

  it('treats a message sent by the account itself as an echo even without is_echo', () => {
    const [item] = parseInstagramWebhook(
      body({ message: { mid: 'M3', text: 'from the app' } }, ACCOUNT, IGSID),
    );
    expect(item).toMatchObject({ kind: 'echo', recipientId: IGSID });
  });

  it('keeps attachments as URL references', () => {
    const attachments = [
      { type: 'image', payload: { url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1' } },
      { type: 'file', payload: { url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=2' } },
      {
        type: 'ig_reel',
        payload: { url: 'https://lookaside.fbsbx.com/reel', title: 'Our new bag', reel_video_id: '9' },
      },
      { type: 'like_heart', payload: {} },
    ];
    expect(parseInstagramWebhook(body({ message: { mid: 'M4', attachments } }))).toEqual([
      {
        ...dm,
        providerMessageId: 'M4',
        type: 'image',
        media: [
          { kind: 'image', url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1' },
          { kind: 'document', url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=2' },
          { kind: 'reel', url: 'https://lookaside.fbsbx.com/reel', title: 'Our new bag' },
          { kind: 'other', providerType: 'like_heart' },
        ],
      },
    ]);
  });

  it('reads audio, video and shares', () => {
    for (const [type, kind] of [
      ['audio', 'audio'],
      ['video', 'video'],
      ['share', 'share'],
    ] as const) {
      const attachments = [{ type, payload: { url: `https://cdn.example/${type}` } }];
      const [item] = parseInstagramWebhook(body({ message: { mid: `M-${type}`, attachments } }));
      expect(item).toMatchObject({
        kind: 'message',
        type: kind,
        media: [{ kind, url: `https://cdn.example/${type}` }],
      });
    }
  });

  it('reads a story mention', () => {
    const attachments = [{ type: 'story_mention', payload: { url: 'https://lookaside.fbsbx.com/story' } }];
    expect(parseInstagramWebhook(body({ message: { mid: 'M5', attachments } }))).toEqual([
      {
        ...dm,
        providerMessageId: 'M5',
        type: 'story_mention',
        media: [{ kind: 'story_mention', url: 'https://lookaside.fbsbx.com/story' }],
      },
    ]);
  });

  it('reads a story reply and an inline reply', () => {
    const story = parseInstagramWebhook(
      body({
        message: {
          mid: 'M6',
          text: 'Love this!',
          reply_to: { story: { url: 'https://lookaside.fbsbx.com/s', id: '17900000000000001' } },
        },
      }),
    );
    expect(story).toEqual([
      {
        ...dm,
        providerMessageId: 'M6',
        type: 'text',
        text: 'Love this!',
        replyTo: { story: { id: '17900000000000001', url: 'https://lookaside.fbsbx.com/s' } },
      },
    ]);
    const inline = parseInstagramWebhook(
      body({ message: { mid: 'M7', text: 'this one', reply_to: { mid: 'M1' } } }),
    );
    expect(inline[0]).toMatchObject({ kind: 'message', replyTo: { messageId: 'M1' } });
  });

  it('reads a quick reply and a postback as choices', () => {
    const quick = parseInstagramWebhook(
      body({ message: { mid: 'M8', text: 'Blue', quick_reply: { payload: 'COLOR_BLUE' } } }),
    );
    expect(quick).toEqual([
      {
        ...dm,
        providerMessageId: 'M8',
        type: 'choice',
        text: 'Blue',
        choice: { source: 'quick_reply', title: 'Blue', payload: 'COLOR_BLUE' },
      },
    ]);
    const postback = parseInstagramWebhook(
      body({ postback: { mid: 'M9', title: 'Talk to a human', payload: 'HANDOFF' } }),
    );
    expect(postback).toEqual([
      {
        ...dm,
        providerMessageId: 'M9',
        type: 'choice',
        text: 'Talk to a human',
        choice: { source: 'postback', title: 'Talk to a human', payload: 'HANDOFF' },
      },
    ]);
  });

  it('reads reactions and their removal', () => {
    const react = parseInstagramWebhook(
      body({ reaction: { mid: 'M1', action: 'react', reaction: 'love', emoji: '❤️' } }),
    );
    expect(react).toEqual([
      {
        kind: 'reaction',
        channel: 'instagram',
        surface: 'instagram_dm',
        routingId: ACCOUNT,
        providerMessageId: null,
        messageId: 'M1',
        emoji: '❤️',
        from: { id: IGSID },
        own: false,
        timestamp: AT,
      },
    ]);
    const unreact = parseInstagramWebhook(body({ reaction: { mid: 'M1', action: 'unreact' } }));
    expect(unreact[0]).toMatchObject({ kind: 'reaction', messageId: 'M1', emoji: null });
  });

  it('reads a read receipt', () => {
    expect(parseInstagramWebhook(body({ read: { mid: 'SYNTHETIC_MID_0002' } }))).toEqual([
      {
        kind: 'read',
        channel: 'instagram',
        surface: 'instagram_dm',
        routingId: ACCOUNT,
        messageId: 'SYNTHETIC_MID_0002',
        from: { id: IGSID },
        timestamp: AT,
      },
    ]);
  });

  it('reads an unsent message as a deletion and an unsupported one as unsupported', () => {
    expect(parseInstagramWebhook(body({ message: { mid: 'M1', is_deleted: true } }))).toEqual([
      {
        kind: 'deletion',
        channel: 'instagram',
        surface: 'instagram_dm',
        routingId: ACCOUNT,
        providerMessageId: null,
        deletedMessageId: 'M1',
        from: { id: IGSID },
        timestamp: AT,
      },
    ]);
    expect(parseInstagramWebhook(body({ message: { mid: 'M10', is_unsupported: true } }))).toEqual([
      { ...dm, providerMessageId: 'M10', type: 'unsupported' },
    ]);
  });

  it('keeps an ad referral on the message', () => {
    const [item] = parseInstagramWebhook(
      body({
        message: {
          mid: 'M11',
          text: 'Is this available?',
          referral: { ref: 'summer', ad_id: '6500', source: 'ADS', type: 'OPEN_THREAD' },
        },
      }),
    );
    expect(item).toMatchObject({
      referral: { ref: 'summer', adId: '6500', source: 'ADS', type: 'OPEN_THREAD' },
    });
  });

  it('reads the dashboard test payload, whose timestamp is a seconds string', () => {
    const payload = {
      object: 'instagram',
      entry: [
        {
          id: '0',
          time: 1527459824,
          messaging: [
            {
              sender: { id: '12334' },
              recipient: { id: '23245' },
              timestamp: '1527459824',
              message: { mid: 'random_mid', text: 'random_text' },
            },
          ],
        },
      ],
    };
    expect(parseInstagramWebhook(payload)[0]).toMatchObject({
      kind: 'message',
      routingId: '0',
      timestamp: new Date(1527459824 * 1000),
    });
  });
});
