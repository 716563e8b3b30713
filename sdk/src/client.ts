import type { paths } from '@laras/openapi';
import createClient, { type Client } from 'openapi-fetch';
import { errorBodyMiddleware } from './error-body.ts';
import { bindOperations, type LarasOperations } from './operations.ts';
import { type LarasOptions, resolveOptions } from './options.ts';
import { createTransport } from './transport.ts';

/** Kept equal to package.json's version by a test. */
export const SDK_VERSION = '0.1.0';

export type Laras = LarasOperations & {
  /** The underlying openapi-fetch client, same auth, retries and timeouts: `laras.client.GET('/v1/workspaces')`. */
  client: Client<paths, 'application/json'>;
};

/**
 * A typed client of the Laras partner API: `laras.createWorkspace({ body })`,
 * `laras.getWorkspace({ params: { path: { workspace_id } } })`, … one method per operationId.
 * Throws a TypeError at once when an option is unusable.
 */
export function createLaras(options: LarasOptions): Laras {
  const resolved = resolveOptions(options, `laras-sdk/${SDK_VERSION}`);
  const client = createClient<paths, 'application/json'>({
    baseUrl: resolved.baseUrl,
    headers: {
      Authorization: `Bearer ${resolved.apiKey}`,
      'User-Agent': resolved.userAgent,
    },
    fetch: createTransport(resolved),
  });
  client.use(
    {
      // Before the transport, so every retry of this call carries the same key.
      onRequest({ request }) {
        if (request.method === 'POST' && !request.headers.has('Idempotency-Key')) {
          request.headers.set('Idempotency-Key', globalThis.crypto.randomUUID());
        }
        return request;
      },
    },
    errorBodyMiddleware,
  );
  return { ...bindOperations(client), client };
}
