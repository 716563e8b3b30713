import type { paths } from '@laras/openapi';
import createClient, { type Client } from 'openapi-fetch';
import { errorBodyMiddleware } from './error-body.ts';
import { newIdempotencyKey } from './idempotency-key.ts';
import { bindOperations, type LarasOperations } from './operations.ts';
import { type LarasOptions, resolveOptions } from './options.ts';
import { bindPaginate } from './paginate.ts';
import { createTransport } from './transport.ts';

const CSRF_HEADER = 'X-CSRF-Token';
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** Kept equal to package.json's version by a test. */
export const SDK_VERSION = '0.1.0';

export type Laras = LarasOperations & {
  /** The underlying openapi-fetch client, same auth, retries and timeouts: `laras.client.GET('/v1/workspaces')`. */
  client: Client<paths, 'application/json'>;
  /** Every item of a list operation, following `next_cursor`: `for await (const d of laras.paginate('listDrafts', init))`. */
  paginate: ReturnType<typeof bindPaginate>;
};

/**
 * A typed client of the Laras API: `laras.createWorkspace({ body })`,
 * `laras.getWorkspace({ params: { path: { workspace_id } } })`, … one method per operationId.
 * With `apiKey` it acts as the partner; with `session: true` as the signed-in portal user (cookie +
 * CSRF token). Throws a TypeError at once when an option is unusable.
 */
export function createLaras(options: LarasOptions): Laras {
  const resolved = resolveOptions(options, `laras-sdk/${SDK_VERSION}`);
  const { auth } = resolved;
  const client = createClient<paths, 'application/json'>({
    baseUrl: resolved.baseUrl,
    headers: {
      Authorization: auth.kind === 'key' ? `Bearer ${auth.apiKey}` : undefined,
      'User-Agent': resolved.userAgent,
    },
    fetch: createTransport(resolved),
  });
  client.use(
    {
      // Before the transport, so every retry of this call carries the same key.
      onRequest({ request }) {
        if (request.method === 'POST' && !request.headers.has('Idempotency-Key')) {
          request.headers.set('Idempotency-Key', newIdempotencyKey());
        }
        return auth.kind === 'session' ? withSession(request, auth.csrfToken) : request;
      },
    },
    errorBodyMiddleware,
  );
  const operations = bindOperations(client);
  return { ...operations, client, paginate: bindPaginate(operations) };
}

/** Session mode: send the cookie and, on changes, the CSRF token. */
function withSession(request: Request, csrfToken: () => string | undefined): Request {
  const sessionRequest = new Request(request, { credentials: 'include' });
  const token = SAFE_METHODS.has(sessionRequest.method) ? undefined : csrfToken();
  if (token && !sessionRequest.headers.has(CSRF_HEADER)) sessionRequest.headers.set(CSRF_HEADER, token);
  return sessionRequest;
}
