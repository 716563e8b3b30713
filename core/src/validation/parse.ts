import type { z } from 'zod';
import { invalidRequest, type ValidationIssue } from '../errors/index.ts';
import { findString, hasLoneSurrogate, hasNul } from './nul.ts';

/** `catalog[2].price.currency` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/**
 * Validates `input` with `schema` or throws a 400 listing every issue. Issues about the input as a
 * whole are reported at `where` ('body' or 'query'); an unknown field is reported at its own name.
 * A string PostgreSQL cannot store (NUL, a lone surrogate) is refused first, at its own path.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where = 'body'): z.output<S> {
  const unstorable = findString(input, (value) => hasNul(value) || hasLoneSurrogate(value));
  if (unstorable) {
    const message = hasNul(unstorable.value)
      ? 'must not contain the NUL character (U+0000)'
      : 'must be valid Unicode: a lone surrogate (U+D800–U+DFFF) is not a character';
    throw invalidRequest([{ path: formatPath(unstorable.path) || where, message }]);
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: ValidationIssue[] = result.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        message: `${key} is not a known field`,
      }));
    }
    return [{ path: formatPath(issue.path) || where, message: issue.message }];
  });
  throw invalidRequest(issues);
}
