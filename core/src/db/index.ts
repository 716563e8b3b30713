export { translateDatabaseError } from './errors.ts';
export { createKnex, type Knex, pingDatabase } from './knex.ts';
export { decodeCursor, encodeCursor, fetchPage, type Page, type PageRequest } from './pagination.ts';
export { type PartnerScope, type TenantTx, type WorkspaceScope, withTenant } from './tenant.ts';
