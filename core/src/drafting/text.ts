/*
 * Why: language detection, intent rules and the search index must split text the same way, or a
 * keyword that the rules see would never reach the index (and the other way round).
 */

/** Lower-cases, strips diacritics and collapses everything but letters and digits to single spaces. */
export function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of a text, normalized. */
export function words(text: string): string[] {
  const normalized = normalize(text);
  return normalized === '' ? [] : normalized.split(' ');
}

/** Whether the normalized text contains any of the phrases as whole words. */
export function containsPhrase(normalized: string, phrases: readonly string[]): boolean {
  const padded = ` ${normalized} `;
  return phrases.some((phrase) => padded.includes(` ${phrase} `));
}

/** The phrases the normalized text contains as whole words. */
export function matchedPhrases(normalized: string, phrases: readonly string[]): string[] {
  const padded = ` ${normalized} `;
  return phrases.filter((phrase) => padded.includes(` ${phrase} `));
}
