/**
 * One method per operation of the spec, named by its operationId and typed from the generated
 * `paths`: a new operation in openapi.yaml appears here with no SDK change, and an input the spec
 * does not accept fails to compile.
 */
import { type OperationId, operationIndex, type paths } from '@laras/openapi';
import type { Client, FetchResponse, MaybeOptionalInit } from 'openapi-fetch';

type Index = typeof operationIndex;
type PathOf<Op extends OperationId> = Index[Op]['path'];
type MethodOf<Op extends OperationId> = Index[Op]['method'];

/** What an operation method takes: `{ params?, body?, headers?, signal? … }` as the spec requires. */
export type OperationInit<Op extends OperationId> = MaybeOptionalInit<paths[PathOf<Op>], MethodOf<Op>>;

/** What an operation method resolves to: `{ data, error, response }`, `error` being the spec's Error. */
export type OperationResult<Op extends OperationId> = FetchResponse<
  NonNullable<paths[PathOf<Op>][MethodOf<Op>]>,
  NonNullable<OperationInit<Op>>,
  'application/json'
>;

export type LarasOperations = {
  [Op in OperationId]: undefined extends OperationInit<Op>
    ? (init?: OperationInit<Op>) => Promise<OperationResult<Op>>
    : (init: OperationInit<Op>) => Promise<OperationResult<Op>>;
};

/** Binds every operation of the index to the client's generic `request`. */
export function bindOperations(client: Client<paths, 'application/json'>): LarasOperations {
  const operations: Record<string, (init?: object) => Promise<unknown>> = {};
  for (const [operationId, { method, path }] of Object.entries(operationIndex)) {
    // The generic `request` cannot be checked against a path chosen at run time; the mapped type
    // above is what callers see, and it is checked against the spec.
    operations[operationId] = (init) => client.request(method, path as never, init as never);
  }
  return operations as LarasOperations;
}
