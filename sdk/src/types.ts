/** Friendly names for the spec's schemas; all derived from the generated types, none written by hand. */
import type { components } from '@laras/openapi';

type Schemas = components['schemas'];

export type Workspace = Schemas['Workspace'];
export type WorkspaceList = Schemas['WorkspaceList'];
export type CreateWorkspaceRequest = Schemas['CreateWorkspaceRequest'];
export type UpdateWorkspaceRequest = Schemas['UpdateWorkspaceRequest'];
export type BusinessContext = Schemas['BusinessContext'];
export type BusinessContextInput = Schemas['BusinessContextInput'];
export type CatalogItem = Schemas['CatalogItem'];
export type Money = Schemas['Money'];
export type Policy = Schemas['Policy'];
export type Faq = Schemas['Faq'];
export type ReviewRules = Schemas['ReviewRules'];
export type ReviewRulesInput = Schemas['ReviewRulesInput'];
export type ApiKey = Schemas['ApiKey'];
export type ApiKeyWithSecret = Schemas['ApiKeyWithSecret'];
export type Branding = Schemas['Branding'];
export type UpdateBrandingRequest = Schemas['UpdateBrandingRequest'];
/** The body of every error response. */
export type LarasError = Schemas['Error'];
export type ErrorCode = Schemas['ErrorCode'];
export type { components, operations, paths } from '@laras/openapi';
