/*
 * Why MiniSearch: BM25 ranking with field boosts, prefix and fuzzy matching ("gayo" finds "Gayo",
 * "kopi" finds "kopinya", "shiping" finds "shipping") in a small, dependency-free, offline library.
 * One index per business context object, cached weakly, since a context is reused for many messages.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import type { BusinessContext } from '../business-context/types.ts';
import { ENGLISH_WORDS, INDONESIAN_WORDS } from './language.ts';
import { words } from './text.ts';

type CatalogItem = BusinessContext['catalog'][number];
type Policy = BusinessContext['policies'][number];
type Faq = BusinessContext['faqs'][number];

/** A fact of the context that matched the message. */
export type Hit = Fact & HitScore;

/** A catalog item, policy or FAQ; `ref` is what a citation names (sku, policy id, FAQ index). */
type Fact =
  | { kind: 'catalog'; ref: string; item: CatalogItem }
  | { kind: 'policy'; ref: string; policy: Policy }
  | { kind: 'faq'; ref: string; faq: Faq };

type HitScore = {
  /** MiniSearch's BM25 score (unbounded; only comparable within one query). */
  score: number;
  /** Share of the message's content words this fact matched, 0..1. */
  coverage: number;
  /** A word matched the fact's name, topic, question or sku, not only its body. */
  titleMatch: boolean;
};

type Doc = { id: string; title: string; body: string; sku: string };
type Index = { search: MiniSearch<Doc>; facts: Map<string, Fact> };

/** Words customers use in questions about this business that also name its facts; never dropped. */
const DOMAIN_WORDS = new Set(
  (
    'shipping ship return refund order open hours sell buy kirim pengiriman ongkir rusak retur tukar ' +
    'kebijakan jam buka tutup toko produk bayar pesanan pesan barang beli jual uang kembali'
  ).split(' '),
);
/** Words that say what is asked (intent.ts reads them) but never name a fact. */
const QUERY_NOISE = new Set(
  (
    'price prices pricing cost costs stock available availability ready harga stok tersedia habis ' +
    'kosong berapa brp hrg hi hello hey halo hai kak kakak min gan'
  ).split(' '),
);

const MAX_QUERY_TERMS = 32;

function processTerm(term: string): string | null {
  if (term.length < 2) return null;
  if ((ENGLISH_WORDS.has(term) || INDONESIAN_WORDS.has(term)) && !DOMAIN_WORDS.has(term)) return null;
  // Indonesian possessive/definite suffix: "harganya" -> "harga", "kopinya" -> "kopi".
  return term.length > 5 && term.endsWith('nya') ? term.slice(0, -3) : term;
}

function queryTerms(text: string): string[] {
  const terms = words(text)
    .map(processTerm)
    .filter((term): term is string => term !== null && !QUERY_NOISE.has(term));
  // A bound on work per message: fuzzy matching is the costly part and long pastes add nothing.
  return [...new Set(terms)].slice(0, MAX_QUERY_TERMS);
}

const indexes = new WeakMap<BusinessContext, Index>();

function indexFor(context: BusinessContext): Index {
  const cached = indexes.get(context);
  if (cached) return cached;
  const facts = new Map<string, Fact>();
  const docs: Doc[] = [];
  for (const item of context.catalog) {
    const id = `catalog:${item.sku}`;
    facts.set(id, { kind: 'catalog', ref: item.sku, item });
    docs.push({ id, title: item.name, body: item.description, sku: item.sku });
  }
  for (const policy of context.policies) {
    const id = `policy:${policy.id}`;
    facts.set(id, { kind: 'policy', ref: policy.id, policy });
    docs.push({ id, title: policy.topic, body: policy.text, sku: policy.id });
  }
  context.faqs.forEach((faq, index) => {
    const id = `faq:${index}`;
    facts.set(id, { kind: 'faq', ref: String(index), faq });
    docs.push({ id, title: faq.question, body: faq.answer, sku: '' });
  });
  const search = new MiniSearch<Doc>({
    fields: ['title', 'body', 'sku'],
    tokenize: words,
    processTerm,
    searchOptions: {
      boost: { title: 3, sku: 2, body: 1 },
      prefix: (term) => term.length >= 4,
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
      weights: { fuzzy: 0.4, prefix: 0.5 },
      combineWith: 'OR',
    },
  });
  search.addAll(docs);
  const index = { search, facts };
  indexes.set(context, index);
  return index;
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
