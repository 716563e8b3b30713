import type { ParameterizedContext } from 'koa';
import type { AppDeps } from './deps.ts';

/** Who is calling, resolved from the credential; the tenant comes only from here. */
export type Principal = { kind: 'partner'; partnerId: string; apiKeyId: string; mode: 'test' | 'live' };

export type AppState = {
  requestId: string;
  deps: AppDeps;
  principal?: Principal;
  /** The parsed JSON body, when the request had one. */
  body?: unknown;
  /** The exact bytes received, for hashing (idempotency) and, later, webhook signatures. */
  rawBody?: Buffer;
};

export type AppContext = ParameterizedContext<AppState>;
