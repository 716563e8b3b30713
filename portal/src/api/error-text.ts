import { ApiError } from './api-error.ts';

/**
 * What to tell a person when a call failed: the API's own message, or a generic sentence. An
 * answer from something in front of the API (a proxy's 502 or 413) carries the SDK's diagnostic,
 * which is for developers and names the platform behind the partner's brand: never shown here.
 */
export function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Check your connection and try again.';
  if (error.fromApi) return error.message;
  if (error.status === 413) return 'That is too large to send. Make it smaller and try again.';
  return 'Something went wrong on our side. Try again in a moment.';
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
