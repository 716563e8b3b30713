// The ways money is written, as data for money.ts: currency symbols and words, Indonesian and English
// multipliers (`rb`, `juta`, `k`), and the patterns that find an amount next to them.

const DOLLARS = ['USD', 'SGD', 'AUD', 'CAD', 'NZD', 'HKD'];
const SPOKEN_CODES = [...DOLLARS, 'IDR', 'MYR', 'EUR', 'GBP', 'JPY', 'INR', 'KRW', 'THB', 'VND'];
const SPOKEN = SPOKEN_CODES.join('|');
// Lower-cased symbol or word -> the currencies it may mean.
export const CURRENCY_WORDS: Record<string, string[]> = {
  rp: ['IDR'],
  'rp.': ['IDR'],
  rupiah: ['IDR'],
  $: DOLLARS,
  dollar: DOLLARS,
  dollars: DOLLARS,
  dolar: DOLLARS,
  us$: ['USD'],
  s$: ['SGD'],
  a$: ['AUD'],
  rm: ['MYR'],
  ringgit: ['MYR'],
  '€': ['EUR'],
  euro: ['EUR'],
  euros: ['EUR'],
  '£': ['GBP'],
  '¥': ['JPY'],
  ca$: ['CAD'],
  nz$: ['NZD'],
  hk$: ['HKD'],
  '₹': ['INR'],
  '₩': ['KRW'],
  '฿': ['THB'],
  '₱': ['PHP'],
  '₫': ['VND'],
  yen: ['JPY'],
  // The codes of these currencies in any case ("25 usd", "Idr 90.000"); other codes only in capitals.
  ...Object.fromEntries(SPOKEN_CODES.map((code) => [code.toLowerCase(), [code]])),
};
// ISO codes that are also English words in capitals ("ALL 3 SIZES"); never read as currencies.
export const CODE_STOPLIST = new Set(['ALL', 'CUP', 'TOP', 'TRY', 'BOB', 'MOP', 'GEL', 'SOS', 'MAD', 'PEN']);
export const MULTIPLIER: Record<string, number> = {
  k: 1e3,
  rb: 1e3,
  ribu: 1e3,
  thousand: 1e3,
  jt: 1e6,
  juta: 1e6,
  million: 1e6,
};

const NUM = String.raw`\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,3})?|\d+(?:[.,]\d+)?`;
const MULT = 'rb|ribu|k|jt|juta|thousand|million';
const END = String.raw`(?![\p{L}\p{N}])`;
const START = String.raw`(?<![\p{L}\p{N}.,])`;
/** Stands for "whichever currency the catalog uses": a bare number after a price word. */
export const ANY_CURRENCY = '*';
export type Pattern = {
  regex: RegExp;
  num: number;
  mult: number;
  currency: number | string[];
  minDigits?: number;
};
export const PATTERNS: Pattern[] = [
  {
    regex: new RegExp(
      String.raw`(?<![\p{L}\p{N}])(US\$|CA\$|NZ\$|HK\$|S\$|A\$|Rp\.?|RM|${SPOKEN}|\p{Sc})\s?(${NUM})(?:\s?(${MULT}))?${END}`,
      'giu',
    ),
    num: 2,
    mult: 3,
    currency: 1,
  },
  {
    regex: new RegExp(String.raw`(?<![\p{L}\p{N}])([A-Z]{3})\s?(${NUM})(?:\s?(${MULT}))?${END}`, 'gu'),
    num: 2,
    mult: 3,
    currency: 1,
  },
  {
    regex: new RegExp(
      String.raw`${START}(${NUM})\s?(?:(${MULT})\s?)?(rupiah|dollars?|dolar|ringgit|euros?|yen|${SPOKEN})${END}`,
      'giu',
    ),
    num: 1,
    mult: 2,
    currency: 3,
  },
  // `19,99 €`, `25$`: a symbol after the amount.
  {
    regex: new RegExp(String.raw`${START}(${NUM})\s?(?:(${MULT})\s?)?(\p{Sc})`, 'gu'),
    num: 1,
    mult: 2,
    currency: 3,
  },
  {
    regex: new RegExp(String.raw`${START}(${NUM})\s?(?:(${MULT})\s?)?([A-Z]{3})${END}`, 'gu'),
    num: 1,
    mult: 2,
    currency: 3,
  },
  // `125rb`, `1,5 juta`: Indonesian shorthand that is always rupiah.
  {
    regex: new RegExp(String.raw`${START}(${NUM})\s?(rb|ribu|jt|juta)${END}`, 'giu'),
    num: 1,
    mult: 2,
    currency: ['IDR'],
  },
  // `harganya 120.000`, `price: 1,250`: a bare number after a price word, if it has 4+ digits.
  {
    regex: new RegExp(
      String.raw`(?<![\p{L}])(?:harga(?:nya)?|price|cost|biaya|total)\s?(?:is|:|adalah|=)?\s?(${NUM})(?:\s?(${MULT}))?${END}`,
      'giu',
    ),
    num: 1,
    mult: 2,
    currency: [ANY_CURRENCY],
    minDigits: 4,
  },
];
