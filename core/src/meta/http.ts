import { MetaUnavailableError, toMetaApiError } from './meta-error.ts';

export type MetaRequest = {
  operation: string;
  url: URL;
  method?: 'GET' | 'POST' | 'DELETE';
  token?: string;
  json?: unknown;
  form?: Record<string, string>;
  timeoutMs: number;
};

/**
 * One call to a Meta API with a timeout. Tokens go in the Authorization header where Meta allows
 * it, never in logs; errors come back as MetaApiError / MetaUnavailableError naming the operation.
 */
export async function callMeta<T>(request: MetaRequest): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (request.token) headers.Authorization = `Bearer ${request.token}`;
  let body: string | undefined;
  if (request.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(request.json);
  } else if (request.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(request.form).toString();
  }
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method ?? 'GET',
      headers,
      body,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    throw new MetaUnavailableError(request.operation, error);
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = {};
  }
  if (!response.ok) throw toMetaApiError(request.operation, response.status, parsed);
  return parsed as T;
}
