/**
 * Keeps `error` honest. openapi-fetch hands back whatever an error response's body was; the types
 * promise the spec's Error. A proxy's HTML 502 or an empty 503 would break that promise, so such a
 * response gets a spec-shaped body, with the code its status stands for, and a message for
 * developers. `hasSubstituteErrorBody` tells such a response apart, so an app can show its own
 * words to its users instead of that diagnostic. The few operations whose error answers have a
 * schema of their own (the readiness probe's 503 is a `Readiness` with its `checks`) are left as
 * they came: their type promises that body, not the Error.
 */
import { type OperationId, operationIndex, type operations } from '@laras/openapi';
import type { Middleware } from 'openapi-fetch';
import type { ErrorCode, LarasError } from './types.ts';

type ErrorStatus<Responses> = {
  [S in keyof Responses]: `${S & (string | number)}` extends `4${string}` | `5${string}` ? S : never;
}[keyof Responses];
type JsonBody<Response> = Response extends { content: { 'application/json': infer Body } } ? Body : never;
type ErrorBody<Op extends OperationId> = JsonBody<
  operations[Op]['responses'][ErrorStatus<operations[Op]['responses']>]
>;
/** The operations with an error response whose body is not the spec's Error. */
type OwnErrorBodyOperation = {
  [Op in OperationId]: [Exclude<ErrorBody<Op>, LarasError>] extends [never] ? never : Op;
}[OperationId];

/**
 * Every operation of `OwnErrorBodyOperation` and nothing else (an object literal of this type must
 * name each key and no other), so a spec change that adds or removes one fails the type check here.
 */
const OWN_ERROR_BODY: Record<OwnErrorBodyOperation, true> = { getReadiness: true };

/** Those operations as `METHOD /path/template`, what the middleware sees of a request. */
const OWN_ERROR_BODY_ROUTES = new Set(
  Object.entries(operationIndex)
    .filter(([operationId]) => operationId in OWN_ERROR_BODY)
    .map(([, { method, path }]) => `${method.toUpperCase()} ${path}`),
);

const CODE_FOR_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'invalid_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'service_unavailable',
};

/** The responses whose body was made up here; weak, so they are not kept alive by it. */
const substituted = new WeakSet<Response>();

/**
 * Whether the API itself did not give this error response's body: something in front of it (a
 * proxy's HTML 502, an empty 504, a 413 from a gateway) answered, and the SDK wrote the `error`.
 */
export function hasSubstituteErrorBody(response: Response): boolean {
  return substituted.has(response);
}

function isLarasError(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const { error } = value;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Replaces the body of an error response that is not the spec's Error with one that is. */
export const errorBodyMiddleware: Middleware = {
  async onResponse({ request, response, schemaPath }) {
    if (response.status < 400) return undefined;
    if (OWN_ERROR_BODY_ROUTES.has(`${request.method} ${schemaPath}`)) return undefined;
    if (isLarasError(parseJson(await response.clone().text()))) return undefined;
    const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    const body: LarasError = {
      error: {
        code:
          CODE_FOR_STATUS[response.status] ?? (response.status >= 500 ? 'internal_error' : 'invalid_request'),
        message: `HTTP ${status} without a Laras error body (from a proxy or gateway in front of the API?).`,
        request_id: response.headers.get('X-Request-Id') ?? '',
      },
    };
    const headers = new Headers(response.headers);
    headers.set('Content-Type', 'application/json');
    headers.delete('Content-Length');
    headers.delete('Content-Encoding');
    const substitute = new Response(JSON.stringify(body), {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
    substituted.add(substitute);
    return substitute;
  },
};
