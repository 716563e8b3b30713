/*
 * Why keyword rules: the built-in drafter must be predictable and offline. Rules only say what the
 * customer asks about; whether the business context can answer is decided by retrieval. A "refund"
 * word alone next to "policy" is a policy question, not a complaint.
 */
import { ENGLISH_WORDS, INDONESIAN_WORDS } from './language.ts';
import { containsPhrase, matchedPhrases, normalize } from './text.ts';

const SMALL_TALK = new Set([
  'how',
  'are',
  'you',
  'kabar',
  'apa',
  'gimana',
  'all',
  'everyone',
  'team',
  'there',
]);
const isFiller = (word: string) =>
  SMALL_TALK.has(word) || ENGLISH_WORDS.has(word) || INDONESIAN_WORDS.has(word);

/** A comma-separated phrase list, lower-case and without punctuation (as `normalize` leaves text). */
const list = (phrases: string): readonly string[] => phrases.split(', ');

/** The text with the given phrases removed (whole words only). */
const without = (normalized: string, phrases: readonly string[]) =>
  phrases.reduce((rest, phrase) => ` ${rest} `.replaceAll(` ${phrase} `, ' '), normalized).trim();

/** Intents a keyword rule can recognise; `faq` and `off_topic` come from retrieval. */
export type KeywordIntent = 'price_availability' | 'policy' | 'order_complaint_refund';

const GREETING = list(
  'hi, hello, hey, halo, hallo, helo, hai, hei, good morning, good afternoon, good evening, ' +
    'selamat pagi, selamat siang, selamat sore, selamat malam, pagi, siang, sore, malam, ' +
    'assalamualaikum, permisi, misi, kak, min, gan',
);

/** Ways of addressing the seller: part of a greeting, never one on their own. */
const ADDRESS = list('kak, min, gan');

const PRICE = list(
  'how much, price, prices, pricing, cost, costs, stock, in stock, available, availability, ' +
    'ready, sold out, do you have, do you sell, still have, berapa, harga, harganya, stok, ' +
    'stoknya, ada, ada gak, ada ga, tersedia, habis, kosong, jual, dijual, brp, hrg',
);

const POLICY = list(
  'shipping, ship, ships, deliver, delivery, return, returns, exchange, payment, pay, ' +
    'transfer, cod, warranty, policy, policies, kirim, dikirim, pengiriman, ongkir, ' +
    'ongkos kirim, ekspedisi, retur, tukar, pembayaran, bayar, garansi, kebijakan, aturan, ' +
    'syarat',
);

/** Asking what the business sells at all, rather than about one item. */
const CATALOG_OVERVIEW = list(
  'what do you sell, what do you have, what products, your products, menu, catalog, catalogue, ' +
    'katalog, jual apa, produk apa, apa saja, apa aja, daftar harga, price list, pricelist',
);

/** Thanks and acknowledgements that close a conversation. */
const THANKS = list(
  'thanks, thank you, thx, ty, ok, okay, oke, ok thanks, noted, makasih, terima kasih, ' +
    'trims, tq, sip, siap, mantap, great, perfect, baik',
);

/** Someone must look at these whatever the context says. */
const COMPLAINT_STRONG = list(
  'complaint, complain, broken, damaged, wrong item, missing, my order, order status, ' +
    'where is my, not received, never arrived, cancel, cancel my, money back, rusak, komplain, ' +
    'pesanan, pesananku, pesanan saya, belum sampai, belum datang, salah kirim, uang kembali, ' +
    'batal, batalkan, kecewa, cacat, pecah',
);
const COMPLAINT_WEAK = list('refund, refunds, pengembalian dana, balikin uang');
const POLICY_QUESTION = list('policy, policies, kebijakan, aturan, syarat, how do, bagaimana');

/** Attempts to re-instruct the assistant; they never change what it does. */
const INJECTION = list(
  'ignore previous, ignore all previous, ignore the previous, ignore your, ignore above, ' +
    'ignore all, disregard, previous instructions, system prompt, your instructions, ' +
    'you are now, act as, pretend, jailbreak, developer mode, new instructions, reveal your, ' +
    'abaikan instruksi, abaikan semua, abaikan perintah, lupakan instruksi, instruksi sebelumnya, kamu sekarang',
);

/** Open-domain requests no business context answers. */
const OPEN_DOMAIN = list(
  'weather, cuaca, politics, political, politik, election, pemilu, president, presiden, ' +
    'poem, poetry, puisi, cerita, joke, lelucon, write code, coding, python, javascript, ' +
    'programming, homework, essay, translate, terjemahkan, news, berita, bitcoin, ' +
    'crypto, football, sepak bola, write me, tuliskan, buatkan, math, capital of, religion, ' +
    'agama, recipe, resep, song, lagu',
);

/** What the keyword rules found in a customer's message. */
export type IntentSignals = {
  /** The business question asked, if any. */
  intent: KeywordIntent | null;
  /** How many business intents matched: more than one makes the intent less clear. */
  intentsMatched: number;
  greeting: boolean;
  /** The message is nothing but a greeting (and filler words). */
  greetingOnly: boolean;
  /** The message is nothing but thanks or an acknowledgement. */
  thanksOnly: boolean;
  /** Asks what the business sells in general ("what do you sell?", "katalog"). */
  catalogOverview: boolean;
  injection: boolean;
  openDomain: boolean;
};

/** Classifies a customer's message with keyword rules (English and Indonesian). */
export function detectIntent(text: string): IntentSignals {
  const normalized = normalize(text);
  const strong = containsPhrase(normalized, COMPLAINT_STRONG);
  const weak = containsPhrase(normalized, COMPLAINT_WEAK);
  const complaint = strong || (weak && !containsPhrase(normalized, POLICY_QUESTION));
  const policy = containsPhrase(normalized, POLICY) || (weak && !complaint);
  const price = containsPhrase(normalized, PRICE) || containsPhrase(normalized, CATALOG_OVERVIEW);
  const matched: KeywordIntent[] = [];
  if (complaint) matched.push('order_complaint_refund');
  if (price) matched.push('price_availability');
  if (policy) matched.push('policy');
  const greetings = matchedPhrases(normalized, GREETING);
  const thanks = matchedPhrases(normalized, THANKS);
  const onlyFiller = (phrases: readonly string[]) =>
    matched.length === 0 &&
    without(normalized, phrases)
      .split(' ')
      .every((w) => w === '' || isFiller(w));
  // A greeting opens the message; "bisa kirim sore ini?" mentions the afternoon, it does not greet.
  const opening = ` ${without(normalized, ADDRESS)} `;
  const greeting = GREETING.some((p) => !ADDRESS.includes(p) && opening.startsWith(` ${p} `));
  return {
    intent: pickIntent(matched, normalized),
    intentsMatched: matched.length,
    greeting,
    greetingOnly: greeting && onlyFiller(greetings),
    thanksOnly: thanks.length > 0 && onlyFiller([...greetings, ...thanks]),
    catalogOverview: containsPhrase(normalized, CATALOG_OVERVIEW),
    injection: containsPhrase(normalized, INJECTION),
    openDomain: containsPhrase(normalized, OPEN_DOMAIN),
  };
}

const WEAK_PRICE = list('ada, ada gak, ada ga, jual, dijual, do you have, do you sell');
const SHIPPING_COST = list('ongkir, ongkos kirim, shipping, delivery, pengiriman');

/**
 * Complaints first (a person must see them). When price and policy words both appear, "berapa ongkir?"
 * and "apakah ada retur?" are policy questions; otherwise the concrete price question wins. Retrieval
 * may still fall back to the other kind when nothing of the preferred kind matches.
 */
function pickIntent(matched: KeywordIntent[], normalized: string): KeywordIntent | null {
  if (matched.includes('order_complaint_refund')) return 'order_complaint_refund';
  if (matched.includes('policy') && matched.includes('price_availability')) {
    const strongPrice = matchedPhrases(normalized, PRICE).some((p) => !WEAK_PRICE.includes(p));
    return containsPhrase(normalized, SHIPPING_COST) || !strongPrice ? 'policy' : 'price_availability';
  }
  return matched[0] ?? null;
}
