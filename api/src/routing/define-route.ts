/**
 * A route is an operation of the spec: its method and path come from the generated operation
 * index, its request schemas must produce what the spec's request types describe, and its handler
 * must return a status and body the spec declares for that operation. Drift fails the type check.
 */
import type { operations, OperationId as PathOperationId } from '@laras/openapi';
import type { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import type {
  AppContext,
  ConsolePrincipal,
  PartnerPrincipal,
  Principal,
  SessionPrincipal,
} from '../state.ts';

/** Operations served under `paths` (the spec's `webhooks` are what we send, not serve). */
export type OperationId = PathOperationId & keyof operations;
type Operation<Op extends OperationId> = operations[Op];

type JsonContent<T> = T extends { content: { 'application/json': infer Body } } ? Body : undefined;
type Responses<Op extends OperationId> = Operation<Op>['responses'];

/** The statuses and bodies the spec allows for `Op`. */
export type RouteResult<Op extends OperationId> = {
  [Status in keyof Responses<Op>]: { status: Status; body: JsonContent<Responses<Op>[Status]> };
}[keyof Responses<Op>];

type RequestBodyOf<Op extends OperationId> =
  Operation<Op> extends { requestBody: { content: { 'application/json': infer Body } } }
    ? Body
    : Operation<Op> extends { requestBody?: { content: { 'application/json': infer Body } } }
      ? Body
      : never;
type QueryOf<Op extends OperationId> = Operation<Op>['parameters'] extends { query?: infer Query }
  ? NonNullable<Query>
  : never;

type Schemas<Op extends OperationId> = {
  body?: z.ZodType<RequestBodyOf<Op>>;
  query?: z.ZodType<QueryOf<Op>>;
};

type Parsed<S, K extends 'body' | 'query'> = S extends { [P in K]: z.ZodType } ? z.output<S[K]> : undefined;

/** What a handler receives: validated input, the caller, and the process's dependencies. */
export type RouteRequest<Op extends OperationId, S extends Schemas<Op>, A extends RouteAuth> = {
  params: Record<string, string>;
  body: Parsed<S, 'body'>;
  query: Parsed<S, 'query'>;
  principal: PrincipalFor<A>;
  deps: AppDeps;
  ctx: AppContext;
};

/**
 * Who may call a route: `partner` an API key only; `workspace` an API key or a portal session of
 * the path's workspace; `session` a portal session only; `console` a partner console session only;
 * `none` anyone. Wherever an API key is taken, a console session opened with one is taken too.
 */
export type RouteAuth = 'partner' | 'workspace' | 'session' | 'console' | 'none';

type PrincipalFor<A extends RouteAuth> = A extends 'partner'
  ? PartnerPrincipal
  : A extends 'workspace'
    ? Principal
    : A extends 'session'
      ? SessionPrincipal
      : A extends 'console'
        ? ConsolePrincipal
        : undefined;

export type RouteDefinition<
  Op extends OperationId = OperationId,
  S extends Schemas<Op> = Schemas<Op>,
  A extends RouteAuth = RouteAuth,
> = {
  operationId: Op;
  auth: A;
  /** With a portal session, only an `owner` may call it (an `agent` gets 403). API keys always may. */
  ownerOnly?: boolean;
  /** The most its JSON body may hold, when an operation needs more than `API_BODY_LIMIT_BYTES`. */
  bodyLimitBytes?: number;
  schemas?: S;
  handler: (request: RouteRequest<Op, S, A>) => Promise<RouteResult<Op>>;
};

/**
 * Declares the implementation of one spec operation:
 * `defineRoute('getWorkspace')({ auth: 'partner', handler })`. The operation is fixed first so the
 * handler's result is checked against that operation's responses.
 */
export function defineRoute<Op extends OperationId>(operationId: Op) {
  return <S extends Schemas<Op> = Schemas<Op>, A extends RouteAuth = RouteAuth>(
    definition: Omit<RouteDefinition<Op, S, A>, 'operationId'>,
  ): RouteDefinition<Op, S, A> => ({ operationId, ...definition });
}
