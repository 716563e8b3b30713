// Case-insensitive, word-boundary-aware phrase matching shared by blocked phrases, always-review
// keywords and the heuristic lists. "sale" must not match "wholesale"; "Rp" or "!!" at a phrase edge
// needs no boundary. Runs of whitespace in a phrase match any whitespace. Text and phrases are read
// in their normalized form, so invisible or fullwidth characters do not hide a phrase.
import { normalizeForChecks } from './normalize.ts';

const WORD_CHAR = /[\p{L}\p{N}_]/u;

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const cache = new Map<string, RegExp>();

/** A case-insensitive (non-global, so `test` keeps no state) regex for one phrase, with word boundaries where the phrase has word edges. */
export function phraseRegExp(phrase: string): RegExp {
  const cached = cache.get(phrase);
  if (cached) return cached;
  const trimmed = normalizeForChecks(phrase).trim();
  const body = trimmed.split(/\s+/u).map(escapeRegExp).join('\\s+');
  const start = WORD_CHAR.test(trimmed.charAt(0)) ? '(?<![\\p{L}\\p{N}_])' : '';
  const end = WORD_CHAR.test(trimmed.charAt(trimmed.length - 1)) ? '(?![\\p{L}\\p{N}_])' : '';
  const regex = new RegExp(`${start}${body}${end}`, 'iu');
  if (cache.size < 5000) cache.set(phrase, regex);
  return regex;
}

/** The phrases (as given) that occur in `text`, in list order, each once. Blank phrases never match. */
export function matchPhrases(text: string, phrases: readonly string[]): string[] {
  const haystack = normalizeForChecks(text);
  return phrases.filter(
    (phrase) => normalizeForChecks(phrase).trim() !== '' && phraseRegExp(phrase).test(haystack),
  );
}
