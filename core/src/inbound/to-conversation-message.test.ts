import { describe, expect, it } from 'vitest';
import { fromReaction } from './to-conversation-message.ts';
import type { InboundReaction } from './types.ts';

const reaction = (overrides: Partial<InboundReaction> = {}): InboundReaction => ({
  kind: 'reaction',
  channel: 'instagram',
  routingId: '17841400000000000',
  surface: 'instagram_dm',
  providerMessageId: null,
  messageId: 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3',
  emoji: '❤️',
  from: { id: '6543210987654321' },
  own: false,
  timestamp: new Date('2026-11-25T12:00:00Z'),
  ...overrides,
});

describe('an Instagram reaction, which has no id of its own', () => {
  it('is keyed by who reacted to what and when, without spelling out the customer’s id', () => {
    const key = fromReaction(reaction()).providerMessageId;
    expect(key).toMatch(/^reaction:[0-9a-f]{40}$/);
    expect(key).not.toContain('6543210987654321');
    // The same reaction delivered again has the same key (so it is stored once)…
    expect(fromReaction(reaction()).providerMessageId).toBe(key);
    // …and another customer's, or a later one, another.
    expect(fromReaction(reaction({ from: { id: '1111111111111111' } })).providerMessageId).not.toBe(key);
    expect(
      fromReaction(reaction({ timestamp: new Date('2026-11-25T12:00:01Z') })).providerMessageId,
    ).not.toBe(key);
  });

  it('keeps the id WhatsApp gives its reactions', () => {
    const whatsapp = reaction({ channel: 'whatsapp', surface: 'whatsapp', providerMessageId: 'wamid.HBgL' });
    expect(fromReaction(whatsapp).providerMessageId).toBe('wamid.HBgL');
  });
});
