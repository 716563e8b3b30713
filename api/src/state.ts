import type { ParameterizedContext } from 'koa';
import type { AppDeps } from './deps.ts';

/** A partner's API key, sent as a bearer token or through a console session opened with it. */
export type PartnerPrincipal = {
  kind: 'partner';
  partnerId: string;
  apiKeyId: string;
  mode: 'test' | 'live';
  /** Present when the key acts through a partner console session cookie. */
  console?: { sessionId: string; expiresAt: Date };
};

/** A partner console session: the key it was opened with, and the session. */
export type ConsolePrincipal = PartnerPrincipal & { console: { sessionId: string; expiresAt: Date } };

/** A portal user's session cookie: one workspace of one partner, with the user's role. */
export type SessionPrincipal = {
  kind: 'session';
  partnerId: string;
  workspaceId: string;
  userId: string;
  role: 'owner' | 'agent';
  sessionId: string;
  expiresAt: Date;
};

/** Who is calling, resolved from the credential; the tenant comes only from here. */
export type Principal = PartnerPrincipal | SessionPrincipal;

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
