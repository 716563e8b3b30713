export { createLaras, type Laras, type LarasOperations, type LarasOptions, SDK_VERSION } from './client.ts';
export { RETRY_STATUS_CODES } from './transport.ts';
export type * from './types.ts';
