import { ApiError } from './client.ts';

/** What to tell a person when a call failed: the API's own message, or a generic sentence. */
export function errorText(error: unknown): string {
  return error instanceof ApiError
    ? error.message
    : 'Something went wrong. Check your connection and try again.';
}

/** Every field problem of a 400 answer as "where: what", e.g. "catalog[1].sku: Invalid". */
export function errorIssues(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  return (error.body.error.issues ?? []).map((issue) =>
    issue.path ? `${issue.path}: ${issue.message}` : issue.message,
  );
}
