/**
 * Strings PostgreSQL cannot store as sent: text and jsonb cannot hold the NUL character (U+0000),
 * and a lone UTF-16 surrogate (U+D800–U+DFFF without its pair, which JSON's `\ud800` escape can
 * carry) is no character at all: text would silently store U+FFFD and jsonb refuses it. Either
 * fails or corrupts at the database, after the request was accepted, so input is checked up front.
 */
const NUL = '\u0000';
const LONE_SURROGATE = /\p{Cs}/u;
const LONE_SURROGATES = /\p{Cs}/gu;

export function hasNul(value: string): boolean {
  return value.includes(NUL);
}

/** True when `value` holds a surrogate code unit that is not half of a pair. */
export function hasLoneSurrogate(value: string): boolean {
  return LONE_SURROGATE.test(value);
}

/** `value` with U+FFFD in place of each NUL and lone surrogate: what can be stored of text that must be kept. */
export function storableText(value: string): string {
  return value.replaceAll(NUL, '\uFFFD').replace(LONE_SURROGATES, '\uFFFD');
}

type Visit = { value: unknown; key?: PropertyKey; parent?: Visit };

function pathOf(visit: Visit): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let at: Visit | undefined = visit; at?.parent; at = at.parent) path.push(at.key as PropertyKey);
  return path.reverse();
}

/**
 * Where the first string (a value or an object key) that `test` holds for is, as a path, with
 * that string; undefined if none. Walks without recursion, so a body nested hundreds of thousands
 * deep cannot overflow the stack.
 */
export function findString(
  input: unknown,
  test: (value: string) => boolean,
): { path: PropertyKey[]; value: string } | undefined {
  const stack: Visit[] = [{ value: input }];
  for (let visit = stack.pop(); visit; visit = stack.pop()) {
    const { value } = visit;
    if (typeof value === 'string') {
      if (test(value)) return { path: pathOf(visit), value };
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index -= 1) {
        stack.push({ value: value[index], key: index, parent: visit });
      }
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      for (let index = entries.length - 1; index >= 0; index -= 1) {
        const [key, item] = entries[index] as [string, unknown];
        stack.push({ value: item, key, parent: visit });
        // The key itself, checked just before its value; its path is the value's.
        stack.push({ value: key, key, parent: visit });
      }
    }
  }
  return undefined;
}

/** Where the first string (a value or an object key) holding NUL is, as a path; undefined if none. */
export function findNul(input: unknown): PropertyKey[] | undefined {
  return findString(input, hasNul)?.path;
}
