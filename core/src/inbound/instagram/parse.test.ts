import { describe, expect, it } from 'vitest';
import { parseInstagramWebhook } from './parse.ts';

// Payload facts from the Graph webhooks reference for Instagram comments (shared/reference/meta.md §6.2):
// entry.time in seconds, `from.id === entry.id` for the account's own replies.
const ACCOUNT = '17841400000000001';
const TIME = 1712345678;

function commentBody(value: Record<string, unknown>, field = 'comments') {
  return { object: 'instagram', entry: [{ id: ACCOUNT, time: TIME, changes: [{ field, value }] }] };
}

const customerComment = {
  from: { id: '1234567890123456', username: 'happy.customer' },
  media: { id: '18050310900000001', media_product_type: 'FEED' },
  id: '17867301200000001',
  text: 'How much is this?',
};

const dm = (mid: string, sender = '1234567890123456', account = ACCOUNT) => ({
  sender: { id: sender },
  recipient: { id: account },
  timestamp: 1569262485349,
  message: { mid, text: `text of ${mid}` },
});

describe('parseInstagramWebhook: comments', () => {
  it('reads a top-level comment on a post', () => {
    expect(parseInstagramWebhook(commentBody(customerComment))).toEqual([
      {
        kind: 'comment',
        channel: 'instagram',
        surface: 'instagram_comment',
        routingId: ACCOUNT,
        providerMessageId: '17867301200000001',
        from: { id: '1234567890123456', username: 'happy.customer' },
        text: 'How much is this?',
        media: { id: '18050310900000001', productType: 'FEED' },
        parentId: null,
        own: false,
        live: false,
        timestamp: new Date(TIME * 1000),
      },
    ]);
  });

  it('reads a reply in a thread on a reel', () => {
    const reply = {
      ...customerComment,
      id: '17867301200000002',
      parent_id: '17867301200000001',
      media: { id: '18050310900000002', media_product_type: 'REELS' },
    };
    expect(parseInstagramWebhook(commentBody(reply))[0]).toMatchObject({
      kind: 'comment',
      parentId: '17867301200000001',
      media: { id: '18050310900000002', productType: 'REELS' },
      own: false,
    });
  });

  it('marks the account’s own comments as own', () => {
    const own = {
      from: { id: ACCOUNT, username: 'laras.demo.shop' },
      media: { id: '18050310900000001', media_product_type: 'FEED' },
      id: '17867301200000003',
      parent_id: '17867301200000001',
      text: 'It is 49 EUR, we sent you a DM!',
    };
    expect(parseInstagramWebhook(commentBody(own))[0]).toMatchObject({ kind: 'comment', own: true });
  });

  it('reads a live comment', () => {
    const live = { ...customerComment, media: { id: '18050310900000009', media_product_type: 'LIVE' } };
    expect(parseInstagramWebhook(commentBody(live, 'live_comments'))[0]).toMatchObject({
      kind: 'comment',
      live: true,
      media: { productType: 'LIVE' },
    });
  });

  it('accepts a comment entry time in milliseconds', () => {
    const payload = commentBody(customerComment);
    payload.entry[0] = { ...payload.entry[0], time: TIME * 1000 } as never;
    expect(parseInstagramWebhook(payload)[0]).toMatchObject({ timestamp: new Date(TIME * 1000) });
  });
});

describe('parseInstagramWebhook: batches and totality', () => {
  it('splits entries for two accounts by routing id', () => {
    const payload = {
      object: 'instagram',
      entry: [
        { id: '17841400000000001', time: 1569262486134, messaging: [dm('A1', '111', '17841400000000001')] },
        {
          id: '17841400000000002',
          time: 1569262486134,
          messaging: [dm('B1', '222', '17841400000000002')],
          changes: [{ field: 'comments', value: customerComment }],
        },
      ],
    };
    const items = parseInstagramWebhook(payload);
    expect(items.map((i) => [i.kind, i.routingId])).toEqual([
      ['message', '17841400000000001'],
      ['message', '17841400000000002'],
      ['comment', '17841400000000002'],
    ]);
  });

  it('keeps the good items when one event, comment or entry is malformed', () => {
    const payload = {
      object: 'instagram',
      entry: [
        {
          id: ACCOUNT,
          time: TIME,
          messaging: [
            dm('A1'),
            { sender: { id: '1' }, timestamp: 1569262485349, message: { mid: 'X' } },
            dm('A3'),
          ],
          changes: [{ field: 'comments', value: { ...customerComment, from: undefined } }],
        },
        { time: TIME, messaging: [dm('C1')] },
        { id: ACCOUNT, time: TIME, messaging: [dm('D1')] },
      ],
    };
    const items = parseInstagramWebhook(payload);
    expect(items.map((i) => i.kind)).toEqual([
      'message',
      'unparseable',
      'message',
      'unparseable',
      'unparseable',
      'message',
    ]);
    expect(items[1]).toMatchObject({
      routingId: ACCOUNT,
      reason: expect.stringMatching(/^invalid messaging event: recipient/),
    });
    expect(items[3]).toMatchObject({
      routingId: ACCOUNT,
      reason: expect.stringMatching(/^invalid comment: from/),
    });
    expect(items[4]).toMatchObject({ routingId: null, reason: expect.stringMatching(/^invalid entry: id/) });
  });

  it('reports events and fields it does not handle', () => {
    const payload = {
      object: 'instagram',
      entry: [
        {
          id: ACCOUNT,
          time: 1569262486134,
          messaging: [
            {
              sender: { id: '1' },
              recipient: { id: ACCOUNT },
              timestamp: 1569262485349,
              referral: { ref: 'x', source: 'ADS', type: 'OPEN_THREAD' },
            },
            {
              sender: { id: '1' },
              recipient: { id: ACCOUNT },
              timestamp: 1569262485349,
              message: { mid: 'E' },
            },
          ],
          standby: [dm('S1')],
          changes: [{ field: 'mentions', value: { media_id: '1', comment_id: '2' } }],
        },
        { id: ACCOUNT, time: 1569262486134 },
      ],
    };
    expect(parseInstagramWebhook(payload).map((i) => (i.kind === 'unparseable' ? i.reason : i.kind))).toEqual(
      [
        'unhandled messaging event: referral without a message',
        'message without text or attachments',
        'unhandled field "mentions"',
        'standby event (another app holds the thread)',
        'entry without messaging or changes',
      ],
    );
  });

  it('answers a body that is not an Instagram webhook with one unparseable item, and no entries with none', () => {
    for (const wrong of [
      null,
      [],
      42,
      { object: 'whatsapp_business_account', entry: [] },
      { object: 'instagram' },
    ]) {
      expect(parseInstagramWebhook(wrong)).toEqual([
        {
          kind: 'unparseable',
          channel: 'instagram',
          routingId: null,
          reason: expect.any(String),
          raw: wrong,
        },
      ]);
    }
    expect(parseInstagramWebhook({ object: 'instagram', entry: [] })).toEqual([]);
  });
});
