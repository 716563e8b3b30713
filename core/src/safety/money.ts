// Finds money amounts in free text and compares them with catalog prices. Prices are integer amounts
// in the ISO 4217 minor unit (IDR has two: 25_000_000 is Rp 250.000; see drafting/money.ts, whose
// `formatMoney` writes the drafts), but people and models write `Rp 250.000`, `Rp250rb`, `IDR 250,000`,
// `1,5 juta`, `$25.00`, `25 USD`. A written amount matches a price when it equals it exactly or at the
// precision the currency is displayed with (whole rupiah for IDR).
import { isKnownCurrency } from '../business-context/types.ts';
import { type Money, minorDigits } from '../drafting/money.ts';
import { ANY_CURRENCY, CODE_STOPLIST, CURRENCY_WORDS, MULTIPLIER, PATTERNS } from './money-patterns.ts';

export type { Money };

/** A money amount found in text: the number as written and the currencies its symbol may mean. */
export type MoneyMention = {
  text: string;
  index: number;
  number: string;
  multiplier: string | undefined;
  currencies: string[];
};

function currenciesOf(word: string): string[] {
  const known = CURRENCY_WORDS[word.toLowerCase()];
  if (known) return known;
  if (/^\p{Sc}$/u.test(word)) return ['XXX']; // a currency symbol we cannot map never matches a price
  return /^[A-Z]{3}$/.test(word) && !CODE_STOPLIST.has(word) && isKnownCurrency(word) ? [word] : [];
}

/**
 * Reads `125.000`, `125,000`, `25.00`, `1,5` (with a multiplier) as a number in major units. A single
 * separator followed by exactly three digits groups thousands, unless a multiplier follows or the
 * currency shows three decimals (`KWD 1.250`).
 */
export function parseAmount(raw: string, multiplier?: string, decimals = 2): number {
  const dots = raw.split('.').length - 1;
  const commas = raw.split(',').length - 1;
  let decimal: '.' | ',' | null = null;
  if (dots > 0 && commas > 0) decimal = raw.lastIndexOf('.') > raw.lastIndexOf(',') ? '.' : ',';
  else if (dots + commas === 1) {
    const separator = dots === 1 ? '.' : ',';
    const after = raw.length - raw.indexOf(separator) - 1;
    if (multiplier || after !== 3 || decimals === 3) decimal = separator;
  }
  const [whole = '', fraction = ''] = decimal ? raw.split(decimal) : [raw];
  const value = Number(`${whole.replace(/[.,]/g, '')}.${fraction || '0'}`);
  return value * (multiplier ? (MULTIPLIER[multiplier.toLowerCase()] ?? 1) : 1);
}

/** Every money amount written in `text`, in order of appearance. */
export function findMoney(text: string): MoneyMention[] {
  const found: MoneyMention[] = [];
  // Characters already part of a mention (a later pattern's match overlapping one is not one).
  const taken = new Uint8Array(text.length);
  for (const pattern of PATTERNS) {
    for (const match of text.matchAll(pattern.regex)) {
      const index = match.index ?? 0;
      const end = index + match[0].length;
      if (taken.subarray(index, end).includes(1)) continue;
      const currencies =
        typeof pattern.currency === 'number' ? currenciesOf(match[pattern.currency] ?? '') : pattern.currency;
      const number = match[pattern.num] ?? '';
      const multiplier = match[pattern.mult];
      if (currencies.length === 0) continue;
      if (pattern.minDigits && !multiplier && number.replace(/\D/g, '').length < pattern.minDigits) continue;
      found.push({ text: match[0], index, number, multiplier, currencies });
      taken.fill(1, index, end);
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

const shownDigits = new Map<string, number>();
/** Decimals customers see (Intl/CLDR): 0 for IDR and JPY, 2 for USD, 3 for KWD. */
function displayDigits(currency: string): number {
  let digits = shownDigits.get(currency);
  if (digits === undefined) {
    const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    digits = Math.min(format.resolvedOptions().maximumFractionDigits ?? 2, minorDigits(currency));
    shownDigits.set(currency, digits);
  }
  return digits;
}

/** Whether the written amount is this price, exactly or at the currency's display precision. */
export function mentionMatches(mention: MoneyMention, price: Money): boolean {
  if (!mention.currencies.includes(price.currency) && !mention.currencies.includes(ANY_CURRENCY))
    return false;
  const minor = minorDigits(price.currency);
  const shownDigits = displayDigits(price.currency);
  const value = parseAmount(mention.number, mention.multiplier, shownDigits);
  if (Math.round(value * 10 ** minor) === price.amount) return true;
  return Math.round(value * 10 ** shownDigits) === Math.round(price.amount / 10 ** (minor - shownDigits));
}

/** The amounts in `text` that equal none of `prices`. */
export function unknownAmounts(text: string, prices: readonly Money[]): MoneyMention[] {
  return findMoney(text).filter((mention) => !prices.some((price) => mentionMatches(mention, price)));
}

/** A mention as prices, one per currency it may mean (to allow amounts quoted in the context). */
export function mentionAsPrices(mention: MoneyMention): Money[] {
  return mention.currencies
    .filter((currency) => currency !== ANY_CURRENCY)
    .map((currency) => ({
      currency,
      amount: Math.round(
        parseAmount(mention.number, mention.multiplier, displayDigits(currency)) *
          10 ** minorDigits(currency),
      ),
    }));
}
