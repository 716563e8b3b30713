/*
 * Why: the checks compare a draft with everything the business context says, and working that out
 * (its text normalized, the amounts and contacts written in it) takes hundreds of milliseconds for
 * a context of the largest size. It depends on the context alone, so it is kept per workspace and
 * context revision, like the drafter's search index; and, like it, `prepareContextFacts` works it
 * out field by field, yielding to the event loop between slices, so a first classification after a
 * context changed does not hold up everything else the process serves.
 */
import { derivedFromContext } from '../business-context/derived.ts';
import type { BusinessContext } from '../business-context/types.ts';
import { type AllowedContacts, findContacts } from './contacts.ts';
import { contextPieces } from './context-text.ts';
import { findMoney, type Money, mentionAsPrices } from './money.ts';
import { normalizeForChecks } from './normalize.ts';
import { phraseRegExp } from './phrases.ts';

/** What the checks read of a business context. */
export type ContextFacts = {
  /** Every piece of the context's text, as the checks read text. */
  text: string;
  /** The catalog's prices and the amounts the context's text quotes. */
  prices: readonly Money[];
  contacts: AllowedContacts;
  /** Whether the context's text contains the phrase (as `matchPhrases` matches it). */
  mentions(phrase: string): boolean;
};

const MENTIONS_KEPT = 1000;
/** Characters of context text read between two yields of `prepareContextFacts` (a few ms of CPU). */
const SLICE_CHARS = 32_000;

function factsFrom(text: string, prices: Money[], contacts: AllowedContacts): ContextFacts {
  const mentioned = new Map<string, boolean>();
  return {
    text,
    prices,
    contacts,
    mentions(phrase) {
      let found = mentioned.get(phrase);
      if (found === undefined) {
        // `text` is already normalized (normalizing is idempotent), so the phrase's regex reads it as is.
        found = normalizeForChecks(phrase).trim() !== '' && phraseRegExp(phrase).test(text);
        if (mentioned.size < MENTIONS_KEPT) mentioned.set(phrase, found);
      }
      return found;
    },
  };
}

/**
 * Works out the facts of a context one field at a time (an amount or a contact never spans two
 * fields), yielding after every `SLICE_CHARS` characters read.
 */
function* work(context: BusinessContext): Generator<void, ContextFacts> {
  const normalized: string[] = [];
  const prices: Money[] = context.catalog.map((item) => item.price);
  // Each amount once: a context quoting "$1" a thousand times allows one price, not a thousand.
  const seenPrices = new Set(prices.map((price) => `${price.currency}:${price.amount}`));
  const contactKeys = new Set<string>();
  let slice = 0;
  for (const piece of contextPieces(context)) {
    const text = normalizeForChecks(piece);
    normalized.push(text);
    for (const mention of findMoney(text)) {
      for (const price of mentionAsPrices(mention)) {
        const key = `${price.currency}:${price.amount}`;
        if (seenPrices.has(key)) continue;
        seenPrices.add(key);
        prices.push(price);
      }
    }
    for (const contact of findContacts(text)) contactKeys.add(`${contact.kind}:${contact.key}`);
    slice += piece.length;
    if (slice >= SLICE_CHARS) {
      slice = 0;
      yield;
    }
  }
  const text = normalized.join('\n');
  return factsFrom(text, prices, { keys: contactKeys, lowerText: text.toLowerCase() });
}

/**
 * At most 500 workspaces' facts and ~96 MB of heap in all, as estimated: the text twice (as read,
 * and lower-cased; up to 2 bytes a character each) and ~96 bytes a price.
 */
const facts = derivedFromContext<ContextFacts>({
  work,
  weigh: (value) => value.text.length * 4 + value.prices.length * 96,
  bounds: { maxEntries: 500, maxWeight: 96_000_000 },
});

/** The facts of a context: those kept for its revision (or object), or worked out now, at once. */
export function contextFacts(context: BusinessContext): ContextFacts {
  return facts.get(context);
}

/**
 * Makes sure the context's facts are worked out, without holding the event loop for more than a
 * slice at a time, so that `classifyDraft` then finds them.
 */
export function prepareContextFacts(context: BusinessContext): Promise<ContextFacts> {
  return facts.prepare(context);
}
