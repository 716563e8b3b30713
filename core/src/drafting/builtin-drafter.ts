/*
 * The default drafter when no model is configured: offline, deterministic, grounded. Fixed replies
 * (greeting, thanks, decline, complaint hand-off) are routed here; answers from facts, and their
 * confidence, are built in grounded-answer.ts.
 *
 * Confidence of fixed replies: greeting or thanks 0.9, open-domain decline 0.85, complaint hand-off
 * 0.8, injection 0.3, nothing found 0.15, no text 0.1.
 */

import {
  complaintText,
  declineText,
  fitToChannel,
  greetingText,
  handoffText,
  helloPrefix,
  type Voice,
  voiceFor,
  welcomeText,
} from './compose.ts';
import { customerTurn } from './customer-turn.ts';
import { groundedAnswer } from './grounded-answer.ts';
import { detectIntent } from './intent.ts';
import { defaultLanguage, detectLanguage } from './language.ts';
import { type Hit, retrieve } from './retrieve.ts';
import { normalize } from './text.ts';
import type { Citation, Draft, DraftContent, DraftInput, DraftIntent } from './types.ts';

export { NEEDS_HUMAN_BELOW } from './grounded-answer.ts';

/** Version of the built-in rules and templates, recorded with every draft. */
export const BUILTIN_PROMPT_VERSION = 'builtin-1';
const REFUND_WORDS = 'refund return retur pengembalian exchange tukar garansi warranty'.split(' ');

const round2 = (value: number) => Math.round(value * 100) / 100;
const citation = (hit: Hit): Citation => ({ kind: hit.kind, id: hit.ref });

function fixed(
  text: string,
  v: Voice,
  intent: DraftIntent,
  confidence: number,
  reason: string | null,
): DraftContent {
  return {
    text,
    language: v.language,
    intent,
    citations: [],
    confidence,
    needsHuman: reason !== null,
    needsHumanReason: reason,
  };
}

function refundPolicy(input: DraftInput, hits: Hit[]): Hit | null {
  const isRefund = (topic: string, id: string) =>
    REFUND_WORDS.some((w) => normalize(`${topic} ${id}`).includes(w));
  const hit = hits.find((h) => h.kind === 'policy' && isRefund(h.policy.topic, h.policy.id));
  if (hit) return hit;
  const policy = input.context.policies.find((p) => isRefund(p.topic, p.id));
  return policy ? { kind: 'policy', ref: policy.id, policy, score: 0, coverage: 0, titleMatch: false } : null;
}

function answer(input: DraftInput, text: string): DraftContent {
  const { context, channel } = input;
  const v = voiceFor(context, detectLanguage(text, defaultLanguage(context.business.languages)));
  if (text === '') return fixed(handoffText(v), v, 'off_topic', 0.1, 'the message has no text to answer');
  const signals = detectIntent(text);
  if (signals.injection) {
    return fixed(
      declineText(v),
      v,
      'off_topic',
      0.3,
      'the message tries to change the assistant’s instructions',
    );
  }
  if (signals.greetingOnly) return fixed(greetingText(v), v, 'greeting', 0.9, null);
  if (signals.thanksOnly) return fixed(welcomeText(v), v, 'greeting', 0.9, null);
  const hits = retrieve(context, text);
  if (signals.intent === 'order_complaint_refund') {
    const policy = refundPolicy(input, hits);
    const reply = complaintText(v, channel, policy?.kind === 'policy' ? policy.policy : null);
    const content = fixed(
      reply,
      v,
      'order_complaint_refund',
      0.8,
      'order problems, complaints and refunds need a person',
    );
    return { ...content, citations: policy && channel !== 'instagram_comment' ? [citation(policy)] : [] };
  }
  const strong = hits[0] && hits[0].coverage >= 0.67 && hits[0].titleMatch;
  if (signals.openDomain && !signals.intent && !strong)
    return fixed(declineText(v), v, 'off_topic', 0.85, null);
  const grounded = groundedAnswer(context, hits, signals, v);
  if (grounded) return grounded;
  const prefix = signals.greeting ? helloPrefix(v) : '';
  const reason = 'nothing in the business context answers this message';
  return fixed(`${prefix}${handoffText(v)}`, v, signals.intent ?? 'off_topic', 0.15, reason);
}

/**
 * Drafts a reply to the customer's latest messages from the workspace's business context only.
 * Synchronous and offline; never throws on odd input (empty, media-only, or hostile text).
 */
export function draftReply(input: DraftInput): Draft {
  const started = performance.now();
  const content = answer(input, customerTurn(input.messages));
  return {
    ...content,
    text: fitToChannel(content.text, input.channel),
    provider: 'builtin',
    model: 'builtin-ranker',
    promptVersion: BUILTIN_PROMPT_VERSION,
    timingMs: round2(performance.now() - started),
  };
}
