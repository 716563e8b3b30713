import type { z } from 'zod';
import { invalidRequest, type ValidationIssue } from '../errors/index.ts';
import { findNul } from './nul.ts';

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
 * A string holding NUL (which PostgreSQL cannot store) is refused first, at its own path.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where = 'body'): z.output<S> {
  const nul = findNul(input);
  if (nul) {
    throw invalidRequest([
      { path: formatPath(nul) || where, message: 'must not contain the NUL character (U+0000)' },
    ]);
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
