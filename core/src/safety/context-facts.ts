/*
 * Why: the checks compare a draft with everything the business context says, and working that out
 * (its text normalized, the amounts and contacts written in it) takes hundreds of milliseconds for
 * a context of the largest size. It depends on the context alone, so it is kept per workspace and
 * context revision, like the drafter's search index.
 */
import { RevisionCache } from '../business-context/revision-cache.ts';
import type { BusinessContext } from '../business-context/types.ts';
import { type AllowedContacts, allowedContacts } from './contacts.ts';
import { contextText } from './context-text.ts';
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

function factsOf(context: BusinessContext): ContextFacts {
  const text = normalizeForChecks(contextText(context));
  const mentioned = new Map<string, boolean>();
  return {
    text,
    prices: [...context.catalog.map((item) => item.price), ...findMoney(text).flatMap(mentionAsPrices)],
    contacts: allowedContacts(text),
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

const byRevision = new RevisionCache<ContextFacts>({ maxEntries: 500, maxWeight: 12_000_000 });
const byObject = new WeakMap<BusinessContext, ContextFacts>();

/** The facts of a context: those kept for its revision (or object), or worked out now. */
export function contextFacts(context: BusinessContext): ContextFacts {
  const key =
    context.revision === undefined
      ? undefined
      : { workspaceId: context.workspaceId, revision: context.revision };
  const found = key ? byRevision.get(key) : byObject.get(context);
  if (found) return found;
  const facts = factsOf(context);
  if (key) byRevision.set(key, facts, facts.text.length);
  else byObject.set(context, facts);
  return facts;
}
