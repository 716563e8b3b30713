/**
 * PostgreSQL's text and jsonb cannot hold the NUL character (U+0000): a string carrying one fails
 * at the database, after the request was accepted. Input is checked for it up front instead.
 */
const NUL = '\u0000';

export function hasNul(value: string): boolean {
  return value.includes(NUL);
}

/** Where the first string (a value or an object key) holding NUL is, as a path; undefined if none. */
export function findNul(input: unknown, path: PropertyKey[] = []): PropertyKey[] | undefined {
  if (typeof input === 'string') return hasNul(input) ? path : undefined;
  if (Array.isArray(input)) {
    for (const [index, item] of input.entries()) {
      const found = findNul(item, [...path, index]);
      if (found) return found;
    }
    return undefined;
  }
  if (input !== null && typeof input === 'object') {
    for (const [key, item] of Object.entries(input)) {
      if (hasNul(key)) return [...path, key];
      const found = findNul(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}
