/*
 * Ranks a context's facts against a customer's message with the context's search index (see
 * search-index.ts: built once per context revision and kept).
 */
import type { SearchResult } from 'minisearch';
import type { BusinessContext } from '../business-context/types.ts';
import { type Fact, indexFor, processTerm } from './search-index.ts';
import { words } from './text.ts';

/** A fact of the context that matched the message. */
export type Hit = Fact & HitScore;

type HitScore = {
  /** MiniSearch's BM25 score (unbounded; only comparable within one query). */
  score: number;
  /** Share of the message's content words this fact matched, 0..1. */
  coverage: number;
  /** A word matched the fact's name, topic, question or sku, not only its body. */
  titleMatch: boolean;
};

/** Words that say what is asked (intent.ts reads them) but never name a fact. */
const QUERY_NOISE = new Set(
  (
    'price prices pricing cost costs stock available availability ready harga stok tersedia habis ' +
    'kosong berapa brp hrg hi hello hey halo hai kak kakak min gan'
  ).split(' '),
);

const MAX_QUERY_TERMS = 32;

function queryTerms(text: string): string[] {
  const terms = words(text)
    .map(processTerm)
    .filter((term): term is string => term !== null && !QUERY_NOISE.has(term));
  // A bound on work per message: fuzzy matching is the costly part and long pastes add nothing.
  return [...new Set(terms)].slice(0, MAX_QUERY_TERMS);
}

function toHit(result: SearchResult, fact: Fact, termCount: number): Hit {
  const titleMatch = Object.values(result.match).some(
    (fields) => fields.includes('title') || fields.includes('sku'),
  );
  const coverage = Math.min(1, result.queryTerms.length / termCount);
  return { ...fact, score: result.score, coverage, titleMatch };
}

/** Ranks the context's catalog items, policies and FAQs against a message, best first. */
export function retrieve(context: BusinessContext, text: string, limit = 10): Hit[] {
  const terms = queryTerms(text);
  if (terms.length === 0) return [];
  const index = indexFor(context);
  const hits: Hit[] = [];
  for (const result of index.search.search(terms.join(' '), { processTerm: (term) => term })) {
    const fact = index.facts.get(String(result.id));
    if (fact) hits.push(toHit(result, fact, terms.length));
    if (hits.length >= limit) break;
  }
  return hits;
}
