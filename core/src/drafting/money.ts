/*
 * Why: prices are stored as integer minor units of the ISO 4217 currency, but Intl's default fraction
 * digits come from CLDR, which shows some currencies without decimals although ISO gives them minor
 * units (IDR: 2 in ISO, 0 in CLDR). So the ISO exponent converts the amount and CLDR's display
 * digits format it: 12_500_000 IDR -> "Rp 125.000", 2500 USD -> "$25.00".
 */

/** ISO 4217 exponents where CLDR's display digits (Intl's default) differ, per ICU version. */
const ISO_MINOR_DIGITS: Readonly<Record<string, number>> = {
  ALL: 2,
  AMD: 2,
  COP: 2,
  HUF: 2,
  IDR: 2,
  IQD: 3,
  IRR: 2,
  KPW: 2,
  LAK: 2,
  LBP: 2,
  MGA: 2,
  MMK: 2,
  PKR: 2,
  RSD: 2,
  SLE: 2,
  SLL: 2,
  SOS: 2,
  SYP: 2,
  TWD: 2,
  UZS: 2,
  YER: 2,
};

/** The locale whose conventions customers of a currency expect; others use en-US. */
const CURRENCY_LOCALE: Readonly<Record<string, string>> = {
  IDR: 'id-ID',
  USD: 'en-US',
  MYR: 'ms-MY',
  SGD: 'en-SG',
};

export type Money = { amount: number; currency: string };

function displayFormat(currency: string): Intl.NumberFormat {
  return new Intl.NumberFormat(CURRENCY_LOCALE[currency] ?? 'en-US', { style: 'currency', currency });
}

/** The ISO 4217 exponent of a currency: how many minor-unit digits its amounts carry. */
export function minorDigits(currency: string): number {
  return ISO_MINOR_DIGITS[currency] ?? displayFormat(currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Formats an amount in minor units for customers, e.g. `{ amount: 12_500_000, currency: 'IDR' }` ->
 * `Rp 125.000`. Non-breaking spaces become plain spaces so the text matches what people type.
 */
export function formatMoney(money: Money): string {
  const major = money.amount / 10 ** minorDigits(money.currency);
  return displayFormat(money.currency)
    .format(major)
    .replace(/[\u00a0\u202f]/g, ' ');
}
