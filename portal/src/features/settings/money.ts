/**
 * Prices travel as integer minor units of an ISO 4217 currency (`{ amount: 12_500_000, currency:
 * 'IDR' }` is Rp 125.000, since ISO gives the rupiah two minor digits), but people type and read
 * major units. The exponents come from ISO 4217 itself, not from Intl, whose display digits (CLDR)
 * differ for some currencies and between browsers.
 */

const ZERO_DIGITS = new Set([
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'ISK',
  'JPY',
  'KMF',
  'KRW',
  'PYG',
  'RWF',
  'UGX',
  'UYI',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
]);
const THREE_DIGITS = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);
const FOUR_DIGITS = new Set(['CLF', 'UYW']);

/** The largest amount the API accepts, in minor units. */
export const MAX_MINOR_AMOUNT = 1_000_000_000_000;

/** How many minor-unit digits an ISO 4217 currency has (2 unless ISO says otherwise). */
export function minorDigits(currency: string): number {
  const code = currency.toUpperCase();
  if (ZERO_DIGITS.has(code)) return 0;
  if (THREE_DIGITS.has(code)) return 3;
  if (FOUR_DIGITS.has(code)) return 4;
  return 2;
}

/**
 * A price typed in major units ("125000", "12.5") as integer minor units, or null when it is not a
 * plain non-negative number with at most the currency's minor digits. Works on the digits as text,
 * so no floating-point rounding creeps in.
 */
export function toMinorUnits(typed: string, currency: string): number | null {
  const match = /^(\d+)(?:\.(\d*))?$/.exec(typed.trim());
  if (!match) return null;
  const digits = minorDigits(currency);
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  const amount = Number(whole + fraction.padEnd(digits, '0'));
  return Number.isSafeInteger(amount) && amount <= MAX_MINOR_AMOUNT ? amount : null;
}

/** Integer minor units as a major-unit number to edit: 12_500_000 IDR -> "125000", 2550 USD -> "25.50". */
export function fromMinorUnits(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(amount);
  const text = String(amount).padStart(digits + 1, '0');
  const whole = text.slice(0, -digits);
  const fraction = text.slice(-digits);
  return /^0+$/.test(fraction) ? whole : `${whole}.${fraction}`;
}
