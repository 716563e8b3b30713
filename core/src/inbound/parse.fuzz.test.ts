/**
 * Property-based fuzzing of the webhook parsers: whatever Meta (or an attacker with a leaked
 * secret) sends — random JSON, or Meta's shapes with any field missing, mistyped or odd — the
 * parsers answer items and never throw, and every item can be stored or is kept with a reason.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstagramWebhook } from './instagram/parse.ts';
import { fromComment, fromDeletion, fromMessage, fromReaction } from './to-conversation-message.ts';
import type { InboundItem } from './types.ts';
import { parseWhatsAppWebhook } from './whatsapp/parse.ts';

const RUNS = 400;
/** A fixed seed, so the coverage check is the same on every run (the properties stay random). */
const COVERAGE_SAMPLE = { numRuns: 2000, seed: 20261202 };

/** Any value in place of a field: mostly plausible, sometimes of the wrong type. */
const anyOf = <T>(plausible: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 9, arbitrary: plausible }, { weight: 1, arbitrary: fc.jsonValue() });
const id = anyOf(fc.stringMatching(/^[0-9]{1,20}$/));
const time = anyOf(fc.oneof(fc.integer({ min: 0, max: 2_000_000_000_000 }).map(String), fc.integer()));
/** An object of these fields, each left out now and then. */
const partial = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T) =>
  fc
    .record(
      Object.fromEntries(
        Object.entries(fields).map(([key, arbitrary]) => [
          key,
          fc.option(arbitrary, { freq: 8, nil: undefined }),
        ]),
      ),
    )
    .map((record) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)));

/** A WhatsApp message of one type with that type's content (each field may still be off). */
const waMessageOf = (type: string, content: Record<string, fc.Arbitrary<unknown>>) =>
  partial({
    from: id,
    id: anyOf(fc.string({ minLength: 1 })),
    timestamp: time,
    type: anyOf(fc.constant(type)),
    context: fc.option(partial({ from: id, id: anyOf(fc.string()) }), { freq: 4, nil: undefined }),
    ...content,
  });
const waMessage = fc.oneof(
  waMessageOf('text', { text: anyOf(partial({ body: anyOf(fc.string()) })) }),
  waMessageOf('image', {
    image: anyOf(partial({ id, mime_type: anyOf(fc.string()), caption: anyOf(fc.string()) })),
  }),
  waMessageOf('reaction', {
    reaction: anyOf(partial({ message_id: anyOf(fc.string()), emoji: anyOf(fc.string()) })),
  }),
  waMessageOf('interactive', {
    interactive: anyOf(
      partial({
        type: anyOf(fc.constant('button_reply')),
        button_reply: anyOf(partial({ id: anyOf(fc.string()), title: anyOf(fc.string()) })),
      }),
    ),
  }),
  waMessageOf('location', {
    location: anyOf(partial({ latitude: anyOf(fc.double()), longitude: anyOf(fc.double()) })),
  }),
  waMessageOf('unsupported', {
    errors: anyOf(
      fc.array(partial({ code: anyOf(fc.integer()), title: anyOf(fc.string()) }), { maxLength: 2 }),
    ),
  }),
  waMessageOf('something_new', { something_new: fc.jsonValue() }),
);
const waStatus = partial({
  id: anyOf(fc.string()),
  status: anyOf(fc.constantFrom('sent', 'delivered', 'read', 'failed', 'played', 'deleted')),
  timestamp: time,
  recipient_id: id,
  errors: anyOf(fc.array(partial({ code: anyOf(fc.integer()), title: anyOf(fc.string()) }))),
});
const whatsAppBody = anyOf(
  partial({
    object: anyOf(fc.constant('whatsapp_business_account')),
    entry: anyOf(
      fc.array(
        partial({
          id,
          changes: anyOf(
            fc.array(
              partial({
                field: anyOf(fc.constantFrom('messages', 'account_update', 'history')),
                value: anyOf(
                  partial({
                    messaging_product: anyOf(fc.constant('whatsapp')),
                    metadata: anyOf(
                      partial({ phone_number_id: id, display_phone_number: anyOf(fc.string()) }),
                    ),
                    contacts: anyOf(
                      fc.array(partial({ wa_id: id, profile: anyOf(partial({ name: anyOf(fc.string()) })) })),
                    ),
                    messages: anyOf(fc.array(waMessage, { maxLength: 3 })),
                    statuses: anyOf(fc.array(waStatus, { maxLength: 3 })),
                    errors: anyOf(fc.array(fc.jsonValue(), { maxLength: 2 })),
                  }),
                ),
              }),
              { maxLength: 3 },
            ),
          ),
        }),
        { maxLength: 3 },
      ),
    ),
  }),
);

const igMessaging = partial({
  sender: anyOf(partial({ id })),
  recipient: anyOf(partial({ id })),
  timestamp: time,
  message: anyOf(
    partial({
      mid: anyOf(fc.string()),
      text: anyOf(fc.string()),
      is_echo: anyOf(fc.boolean()),
      is_deleted: anyOf(fc.boolean()),
      attachments: anyOf(
        fc.array(partial({ type: anyOf(fc.string()), payload: fc.jsonValue() }), { maxLength: 2 }),
      ),
      reply_to: fc.jsonValue(),
    }),
  ),
  reaction: anyOf(
    partial({
      mid: anyOf(fc.string()),
      action: anyOf(fc.constantFrom('react', 'unreact')),
      emoji: anyOf(fc.string()),
    }),
  ),
  postback: anyOf(
    partial({ mid: anyOf(fc.string()), title: anyOf(fc.string()), payload: anyOf(fc.string()) }),
  ),
  read: anyOf(partial({ mid: anyOf(fc.string()) })),
});
const igComment = partial({
  field: anyOf(fc.constantFrom('comments', 'live_comments', 'mentions')),
  value: anyOf(
    partial({
      from: anyOf(partial({ id, username: anyOf(fc.string()) })),
      media: anyOf(partial({ id, media_product_type: anyOf(fc.string()) })),
      id,
      parent_id: id,
      text: anyOf(fc.string()),
    }),
  ),
});
const instagramBody = anyOf(
  partial({
    object: anyOf(fc.constant('instagram')),
    entry: anyOf(
      fc.array(
        partial({
          id,
          time,
          messaging: anyOf(fc.array(igMessaging, { maxLength: 3 })),
          changes: anyOf(fc.array(igComment, { maxLength: 3 })),
        }),
        { maxLength: 3 },
      ),
    ),
  }),
);

/** Turns a parsed item into what the store would keep, the way the pipeline does. */
function storeForm(item: InboundItem): unknown {
  switch (item.kind) {
    case 'message':
    case 'edit':
      return fromMessage(item);
    case 'reaction':
      return fromReaction(item);
    case 'deletion':
      return fromDeletion(item);
    case 'comment':
      return fromComment(item);
    case 'unparseable':
      expect(item.reason.length).toBeGreaterThan(0);
      return item;
    default:
      return item;
  }
}

describe('webhook parsers under fuzzing', () => {
  it('WhatsApp: never throws; every item is storable or kept with a reason', () => {
    fc.assert(
      fc.property(whatsAppBody, (body) => {
        for (const item of parseWhatsAppWebhook(body)) storeForm(item);
      }),
      { numRuns: RUNS },
    );
  });

  it('Instagram: never throws; every item is storable or kept with a reason', () => {
    fc.assert(
      fc.property(instagramBody, (body) => {
        for (const item of parseInstagramWebhook(body)) storeForm(item);
      }),
      { numRuns: RUNS },
    );
  });

  it('reaches the parsers deep paths, not only their first refusal', () => {
    const kinds = new Set<string>();
    for (const body of fc.sample(whatsAppBody, COVERAGE_SAMPLE))
      for (const item of parseWhatsAppWebhook(body)) kinds.add(item.kind);
    for (const body of fc.sample(instagramBody, COVERAGE_SAMPLE))
      for (const item of parseInstagramWebhook(body)) kinds.add(item.kind);
    expect([...kinds]).toEqual(
      expect.arrayContaining(['message', 'status', 'reaction', 'comment', 'unparseable']),
    );
  });
});
