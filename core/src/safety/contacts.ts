// Finds ways to reach someone (or something secret) in text: e-mail addresses, phone or account
// numbers, URLs and token-like strings. A draft may only repeat those the business context contains,
// so a model cannot invent a number to transfer money to or leak a credential.
import { findMoney } from './money.ts';

export type ContactKind = 'email' | 'phone' | 'url' | 'token';
export type Contact = { kind: ContactKind; value: string; key: string };

const TOKEN_PATTERNS = [
  /\bsk-[A-Za-z0-9_-]{16,}/g, // OpenAI-style secret keys
  /\bEAA[A-Za-z0-9]{20,}/g, // Meta access tokens
  /\b(?:ghp|gho|ghs|github_pat|xox[abpr]|lrs_live|lrs_test|AKIA)[A-Za-z0-9_-]{10,}/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, // JWT
  /\b[a-fA-F0-9]{32,}\b/g, // hex digests and keys
];
// Base64-ish runs count only when they mix upper case, lower case and digits (slugs do not).
const BASE64 = /[A-Za-z0-9+/_-]{32,}={0,2}/g;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const TLDS = 'com|net|org|id|io|co|me|my|sg|ly|app|shop|store|info|biz|xyz|link|site|online|ai';
const URL = /\bhttps?:\/\/[^\s<>"'()]+|\bwww\.[^\s<>"'()]+/gi;
// Bare domains only in lower case, so "thanks.Co" typed without a space is not a link.
const DOMAIN = new RegExp(
  String.raw`\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:${TLDS})\b(?:\/[^\s<>"'()]*)?`,
  'g',
);
// A digit run with phone-like separators; validated in `isPhoneLike`.
const PHONE = /(?<![\p{L}\p{N}_+\-/#.:])(?:\+|00)?\(?\d[\d ().-]{5,30}\d(?![\p{L}\p{N}])/gu;
const DATE = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/;

function isMixedBase64(candidate: string): boolean {
  return /[a-z]/.test(candidate) && /[A-Z]/.test(candidate) && /\d/.test(candidate);
}

function isPhoneLike(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  if (digits.length < 8 || DATE.test(candidate.trim())) return false;
  // Short runs must look like a dialled number (+62…, 0812…, (021) …); long ones are numbers anyway
  // (account numbers matter as much as phones).
  return /^(?:\+|00|0|\()/.test(candidate) || digits.length >= 10;
}

/** Digits with the country prefix folded: +62 812… and 0812… are the same number. */
function phoneKey(value: string): string {
  const digits = value.replace(/\D/g, '').replace(/^00/, '');
  return digits.startsWith('62') ? `0${digits.slice(2)}` : digits;
}

function urlKey(value: string): string {
  return value
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '');
}

/** Blanks out ranges `[start, length]` in one pass (keeps offsets), so later patterns do not see them. */
function blank(text: string, ranges: ReadonlyArray<readonly [number, number]>): string {
  if (ranges.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const [start, length] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (start < at) continue;
    parts.push(text.slice(at, start), ' '.repeat(length));
    at = start + length;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Every e-mail, phone/account number, URL and token-like string in `text`. */
export function findContacts(text: string): Contact[] {
  const contacts: Contact[] = [];
  let rest = text;
  const take = (
    pattern: RegExp,
    kind: ContactKind,
    accept: (v: string) => boolean,
    key: (v: string) => string,
  ) => {
    // One pattern's matches never overlap, and it reads the text as it was when its pass began:
    // blanking them all after the pass is blanking each as found (once, not once per match).
    const taken: Array<[number, number]> = [];
    for (const match of rest.matchAll(pattern)) {
      const value = match[0].replace(/[.,!?;:]+$/, '');
      if (!accept(value)) continue;
      contacts.push({ kind, value, key: key(value) });
      taken.push([match.index ?? 0, match[0].length]);
    }
    rest = blank(rest, taken);
  };
  const any = () => true;
  for (const pattern of TOKEN_PATTERNS) take(pattern, 'token', any, (v) => v);
  take(BASE64, 'token', isMixedBase64, (v) => v);
  take(EMAIL, 'email', any, (v) => v.toLowerCase());
  take(URL, 'url', any, urlKey);
  take(DOMAIN, 'url', any, urlKey);
  rest = blank(
    rest,
    findMoney(rest).map((money) => [money.index, money.text.length] as const),
  );
  take(PHONE, 'phone', isPhoneLike, phoneKey);
  return contacts;
}

/** What `contactsNotIn` reads of the allowed text, worked out once per business context. */
export type AllowedContacts = { keys: ReadonlySet<string>; lowerText: string };

/** The contacts of `allowedText` (the business context's text), for `contactsNotIn`. */
export function allowedContacts(allowedText: string): AllowedContacts {
  return {
    keys: new Set(findContacts(allowedText).map((c) => `${c.kind}:${c.key}`)),
    lowerText: allowedText.toLowerCase(),
  };
}

/** The contacts of `draft` that `allowed` (the business context) does not contain. */
export function contactsNotIn(draft: string, allowed: string | AllowedContacts): Contact[] {
  const { keys, lowerText } = typeof allowed === 'string' ? allowedContacts(allowed) : allowed;
  return findContacts(draft).filter(
    (c) => !keys.has(`${c.kind}:${c.key}`) && !lowerText.includes(c.value.toLowerCase()),
  );
}
