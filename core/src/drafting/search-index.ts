/*
 * Why MiniSearch: BM25 ranking with field boosts, prefix and fuzzy matching ("gayo" finds "Gayo",
 * "kopi" finds "kopinya", "shiping" finds "shipping") in a small, dependency-free, offline library.
 *
 * Why a cache by revision: every request and job reads the context fresh from the database, and
 * indexing a context of the largest size allowed (about 3 MB of text) takes about half a second of
 * CPU. An index is kept per workspace and context revision (new on every write of the context, so a
 * changed context is never answered from an old index), bounded in count and in estimated heap.
 * `prepareIndex` builds one in slices, yielding to the event loop between them, so a first build
 * does not hold up everything else the process serves; `indexFor` builds at once when it must.
 */
import MiniSearch from 'minisearch';
import { derivedFromContext } from '../business-context/derived.ts';
import type { BusinessContext } from '../business-context/types.ts';
import { ENGLISH_WORDS, INDONESIAN_WORDS } from './language.ts';
import { words } from './text.ts';

type CatalogItem = BusinessContext['catalog'][number];
type Policy = BusinessContext['policies'][number];
type Faq = BusinessContext['faqs'][number];

/** A catalog item, policy or FAQ; `ref` is what a citation names (sku, policy id, FAQ index). */
export type Fact =
  | { kind: 'catalog'; ref: string; item: CatalogItem }
  | { kind: 'policy'; ref: string; policy: Policy }
  | { kind: 'faq'; ref: string; faq: Faq };

type Doc = { id: string; title: string; body: string; sku: string };
export type SearchIndex = { search: MiniSearch<Doc>; facts: Map<string, Fact> };
/** An index and the characters of context text it indexed (its weight in the cache). */
type Built = { index: SearchIndex; chars: number };

/** Words customers use in questions about this business that also name its facts; never dropped. */
const DOMAIN_WORDS = new Set(
  (
    'shipping ship return refund order open hours sell buy kirim pengiriman ongkir rusak retur tukar ' +
    'kebijakan jam buka tutup toko produk bayar pesanan pesan barang beli jual uang kembali'
  ).split(' '),
);

/** The index term of a word (documents and queries alike), or null for a word that names nothing. */
export function processTerm(term: string): string | null {
  if (term.length < 2) return null;
  if ((ENGLISH_WORDS.has(term) || INDONESIAN_WORDS.has(term)) && !DOMAIN_WORDS.has(term)) return null;
  // Indonesian possessive/definite suffix: "harganya" -> "harga", "kopinya" -> "kopi".
  return term.length > 5 && term.endsWith('nya') ? term.slice(0, -3) : term;
}

/**
 * Bounds of the indexes kept: at most 500 workspaces' (most contexts are small), and at most
 * ~160 MB of heap in all, as estimated by `heapEstimate` (about five contexts of the largest size
 * with ordinary text). An index that alone would exceed it is not kept (built anew each time, in
 * slices).
 */
const MAX_INDEXES = 500;
const MAX_INDEX_BYTES = 160_000_000;
/**
 * What an index holds, in bytes, measured with V8's heap: ~6 per character indexed (postings), and
 * ~800 per distinct term (the term tree: a context of made-up words has hundreds of thousands).
 */
const heapEstimate = (built: Built) => built.chars * 6 + built.index.search.termCount * 800;
/** Characters indexed between two yields of `prepareIndex` (a few milliseconds of CPU). */
const SLICE_CHARS = 32_000;

/** Builds the index of a context, yielding after every `SLICE_CHARS` characters indexed. */
function* build(context: BusinessContext): Generator<void, Built> {
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
  let chars = 0;
  let slice = 0;
  for (const doc of docs) {
    // One at a time, in order: the same index `addAll` would build.
    search.add(doc);
    const size = doc.title.length + doc.body.length + doc.sku.length;
    chars += size;
    slice += size;
    if (slice >= SLICE_CHARS) {
      slice = 0;
      yield;
    }
  }
  return { index: { search, facts }, chars };
}

const indexes = derivedFromContext<Built>({
  work: build,
  weigh: heapEstimate,
  bounds: { maxEntries: MAX_INDEXES, maxWeight: MAX_INDEX_BYTES },
});

/** The search index of a context: the one kept for its revision, or one built now. */
export function indexFor(context: BusinessContext): SearchIndex {
  return indexes.get(context).index;
}

/**
 * Makes sure the context's index is built, without holding the event loop for more than a slice
 * at a time, so that `retrieve` (and `draftReply`) then find it. Resolves to the index.
 */
export async function prepareIndex(context: BusinessContext): Promise<SearchIndex> {
  return (await indexes.prepare(context)).index;
}
