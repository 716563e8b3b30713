/**
 * What a failed Svix call means for an event: Svix already has it (409, a duplicate eventId), it
 * will never be accepted (any other 4xx, with Svix's `detail`), or it is worth retrying (429, 5xx,
 * timeouts and network errors).
 */
import { ApiException } from 'svix';

export type SvixFailure =
  | { kind: 'duplicate' }
  | { kind: 'permanent'; status: number; detail: string }
  | { kind: 'retry'; status: number | null; detail: string };

const DETAIL_MAX = 400;

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Svix's `detail` (a sentence, or a 422's list of issues); 5xx bodies arrive as raw text. */
function detailOf(body: unknown): string {
  if (typeof body === 'string') {
    const json = parsed(body);
    return typeof json === 'string' ? json : detailOf(json);
  }
  if (typeof body === 'object' && body !== null && 'detail' in body) {
    const { detail } = body;
    if (typeof detail === 'string') return detail;
    if (Array.isArray(detail)) {
      return detail
        .map((issue: unknown) =>
          typeof issue === 'object' && issue !== null && 'msg' in issue
            ? `${'loc' in issue && Array.isArray(issue.loc) ? `${issue.loc.join('.')}: ` : ''}${String(issue.msg)}`
            : JSON.stringify(issue),
        )
        .join('; ');
    }
  }
  return JSON.stringify(body) ?? '';
}

/** Classifies an error thrown by the `svix` client. */
export function classifySvixFailure(error: unknown): SvixFailure {
  if (error instanceof ApiException) {
    const status = error.code;
    const detail = detailOf(error.body).slice(0, DETAIL_MAX);
    if (status === 409) return { kind: 'duplicate' };
    if (status === 429 || status >= 500) return { kind: 'retry', status, detail };
    if (status >= 400) return { kind: 'permanent', status, detail };
    return { kind: 'retry', status, detail };
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
  return { kind: 'retry', status: null, detail: detail.slice(0, DETAIL_MAX) };
}
