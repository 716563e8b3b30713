import { randomUUID } from 'node:crypto';
import { type OperationId, operationIndex, type paths } from '@laras/openapi';
import createClient, { type Client, type FetchResponse, type MaybeOptionalInit } from 'openapi-fetch';
import { createTransport } from './transport.ts';

export type LarasOptions = {
  /** A partner API key, `lrs_test_…` or `lrs_live_…`. */
  apiKey: string;
  /** Where the Laras API is, e.g. `https://api.laras.example` or `http://localhost:3000`. */
  baseUrl: string;
  /** Per attempt. Default 30 s. */
  timeoutMs?: number;
  /** Retries after the first attempt on 408/429/5xx and network errors. Default 2. */
  maxRetries?: number;
  /** Longest Retry-After to wait for. Default 60 s. */
  maxRetryAfterMs?: number;
  /** A fetch implementation (tests, proxies). Default: the global fetch. */
  fetch?: typeof globalThis.fetch;
  userAgent?: string;
};

type Ops = typeof operationIndex;
type PathOf<Op extends OperationId> = Ops[Op]['path'];
type MethodOf<Op extends OperationId> = Ops[Op]['method'];
type InitOf<Op extends OperationId> = MaybeOptionalInit<paths[PathOf<Op>], MethodOf<Op>>;
type ResultOf<Op extends OperationId> = FetchResponse<
  NonNullable<paths[PathOf<Op>][MethodOf<Op>]>,
  NonNullable<InitOf<Op>>,
  'application/json'
>;

/** One method per operation of the spec, named by its operationId, typed from the generated spec. */
export type LarasOperations = {
  [Op in OperationId]: undefined extends InitOf<Op>
    ? (init?: InitOf<Op>) => Promise<ResultOf<Op>>
    : (init: InitOf<Op>) => Promise<ResultOf<Op>>;
};

export type Laras = LarasOperations & {
  /** The underlying openapi-fetch client, for path-style calls: `laras.client.GET('/v1/workspaces')`. */
  client: Client<paths, 'application/json'>;
};

export const SDK_VERSION = '0.1.0';
const API_KEY_PATTERN = /^lrs_(test|live)_[A-Za-z0-9]+$/;

function validate(options: LarasOptions): void {
  if (!API_KEY_PATTERN.test(options.apiKey ?? '')) {
    throw new TypeError('Laras: apiKey must be a partner API key (lrs_test_… or lrs_live_…).');
  }
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw new TypeError('Laras: baseUrl must be an absolute URL such as https://api.laras.example.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError('Laras: baseUrl must be an http(s) URL.');
  }
  for (const [name, value] of [
    ['timeoutMs', options.timeoutMs],
    ['maxRetries', options.maxRetries],
    ['maxRetryAfterMs', options.maxRetryAfterMs],
  ] as const) {
    if (value !== undefined && (!Number.isFinite(value) || value < 0)) {
      throw new TypeError(`Laras: ${name} must be a non-negative number.`);
    }
  }
}

/**
 * A typed client of the Laras partner API. Every POST gets an `Idempotency-Key` (kept across
 * retries) unless you pass one in `headers`.
 */
export function createLaras(options: LarasOptions): Laras {
  validate(options);
  const client = createClient<paths, 'application/json'>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: {
      Authorization: `Bearer ${options.apiKey}`,
      'User-Agent': options.userAgent ?? `laras-sdk/${SDK_VERSION}`,
    },
    fetch: createTransport({
      timeoutMs: options.timeoutMs ?? 30_000,
      maxRetries: options.maxRetries ?? 2,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
      fetch: options.fetch,
    }),
  });
  client.use({
    onRequest({ request }) {
      if (request.method === 'POST' && !request.headers.has('Idempotency-Key')) {
        request.headers.set('Idempotency-Key', randomUUID());
      }
      return request;
    },
  });

  const operations: Record<string, (init?: object) => Promise<unknown>> = {};
  for (const [operationId, { method, path }] of Object.entries(operationIndex)) {
    operations[operationId] = (init) => client.request(method, path as never, init as never);
  }
  return Object.assign(operations as unknown as LarasOperations, { client });
}
