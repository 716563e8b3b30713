import { ApiError } from './client.ts';

/** What to tell a person when a call failed: the API's own message, or a generic sentence. */
export function errorText(error: unknown): string {
  return error instanceof ApiError
    ? error.message
    : 'Something went wrong. Check your connection and try again.';
}

/**
 * Every field problem of a 400 answer as "field: problem", the field named by `fieldLabel` (the
 * API's path, e.g. `catalog[1].sku`, when none is given).
 */
export function errorIssues(error: unknown, fieldLabel: (path: string) => string = (path) => path): string[] {
  if (!(error instanceof ApiError)) return [];
  return (error.body.error.issues ?? []).map((issue) =>
    issue.path ? `${fieldLabel(issue.path)}: ${issue.message}` : issue.message,
  );
}
