import { describe, expect, it } from 'vitest';
import { type DecideInput, decideDraft } from './decide.ts';
import { rules } from './fixtures.ts';
import type { HoldReason } from './types.ts';

const clear: DecideInput = {
  verdict: { pass: true, score: 1, reasons: [] },
  draft: { confidence: 0.9, needsHuman: false, needsHumanReason: null, text: 'Harganya Rp 125.000 kak.' },
  rules,
  surface: 'whatsapp',
  customerText: 'Berapa harga Gayo?',
  windowOpen: true,
};
const holdCodes = (overrides: Partial<DecideInput>): HoldReason[] =>
  decideDraft({ ...clear, ...overrides }).reasons.map((reason) => reason.code);

describe('decideDraft', () => {
  it('auto-sends when everything is clear', () => {
    expect(decideDraft(clear)).toEqual({ action: 'auto_send', reasons: [] });
    expect(decideDraft({ ...clear, surface: 'instagram_dm' }).action).toBe('auto_send');
  });

  it('holds when auto-send is off for the surface', () => {
    expect(holdCodes({ surface: 'instagram_comment' })).toEqual(['auto_send_disabled']);
  });

  it('holds when the classifier failed', () => {
    const verdict = {
      pass: false,
      score: 0.6,
      reasons: [{ code: 'price_not_in_catalog' as const, detail: 'x' }],
    };
    expect(decideDraft({ ...clear, verdict })).toEqual({
      action: 'hold',
      reasons: [{ code: 'classifier_failed', detail: 'safety check failed: price_not_in_catalog' }],
    });
  });

  it('holds below the minimum confidence, not at it', () => {
    expect(holdCodes({ draft: { ...clear.draft, confidence: 0.69 } })).toEqual(['low_confidence']);
    expect(holdCodes({ draft: { ...clear.draft, confidence: 0.7 } })).toEqual([]);
  });

  it('holds on an always-review keyword in the customer text or the draft', () => {
    expect(holdCodes({ customerText: 'Saya mau REFUND' })).toEqual(['always_review_keyword']);
    expect(holdCodes({ customerText: 'Saya mau re\u200Bfund' })).toEqual(['always_review_keyword']);
    expect(holdCodes({ customerText: 'Saya mau ｒｅｆｕｎｄ' })).toEqual(['always_review_keyword']);
    expect(holdCodes({ draft: { ...clear.draft, text: 'Maaf atas komplainnya' } })).toEqual([]);
    expect(holdCodes({ draft: { ...clear.draft, text: 'Soal komplain kakak, kami cek dulu' } })).toEqual([
      'always_review_keyword',
    ]);
  });

  it('holds when the drafter asked for a human', () => {
    const decision = decideDraft({
      ...clear,
      draft: { ...clear.draft, needsHuman: true, needsHumanReason: 'order complaint' },
    });
    expect(decision).toEqual({
      action: 'hold',
      reasons: [{ code: 'needs_human', detail: 'order complaint' }],
    });
  });

  it('holds when the window is closed', () => {
    expect(holdCodes({ windowOpen: false })).toEqual(['window_closed']);
  });

  it('lists every applicable reason', () => {
    expect(
      holdCodes({
        surface: 'instagram_comment',
        verdict: { pass: false, score: 0, reasons: [{ code: 'empty', detail: '' }] },
        draft: { confidence: 0.1, needsHuman: true, needsHumanReason: null },
        customerText: 'refund please',
        windowOpen: false,
      }),
    ).toEqual([
      'auto_send_disabled',
      'classifier_failed',
      'low_confidence',
      'always_review_keyword',
      'needs_human',
      'window_closed',
    ]);
  });
});
