export { enums } from '../generated/enums.ts';
export { type OperationId, operationIndex } from '../generated/operations.ts';
export type { components, operations, paths } from '../generated/schema.ts';
