import { ApiError } from '../../api/api-error.ts';

/**
 * What a person is told when signing in fails: the API's own words, or a plain fallback (also for
 * an answer that did not come from the API, whose text is a diagnostic for developers).
 */
export function signInErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429) {
      const minutes = error.retryAfterSeconds ? Math.ceil(error.retryAfterSeconds / 60) : null;
      return minutes
        ? `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`
        : 'Too many attempts. Try again later.';
    }
    if (error.status < 500 && error.fromApi) return error.message;
  }
  return 'Something went wrong on our side. Try again in a moment.';
}
