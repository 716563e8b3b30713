/** Friendly names for the spec's schemas. Every one is derived from the generated types. */
import type { components } from '@laras/openapi';

type Schemas = components['schemas'];

export type Workspace = Schemas['Workspace'];
export type WorkspaceList = Schemas['WorkspaceList'];
export type CreateWorkspaceRequest = Schemas['CreateWorkspaceRequest'];
export type UpdateWorkspaceRequest = Schemas['UpdateWorkspaceRequest'];
export type Metadata = Schemas['Metadata'];
export type BusinessContext = Schemas['BusinessContext'];
export type BusinessContextInput = Schemas['BusinessContextInput'];
export type BusinessProfile = Schemas['BusinessProfile'];
export type CatalogItem = Schemas['CatalogItem'];
export type CatalogItemInput = Schemas['CatalogItemInput'];
export type Money = Schemas['Money'];
export type Policy = Schemas['Policy'];
export type PolicyInput = Schemas['PolicyInput'];
export type Faq = Schemas['Faq'];
export type ReviewRules = Schemas['ReviewRules'];
export type ReviewRulesInput = Schemas['ReviewRulesInput'];
export type AutoSend = Schemas['AutoSend'];
export type ApiKey = Schemas['ApiKey'];
export type ApiKeyWithSecret = Schemas['ApiKeyWithSecret'];
export type ApiKeyList = Schemas['ApiKeyList'];
export type ApiKeyMode = Schemas['ApiKeyMode'];
export type CreateApiKeyRequest = Schemas['CreateApiKeyRequest'];
export type Branding = Schemas['Branding'];
export type UpdateBrandingRequest = Schemas['UpdateBrandingRequest'];
/** The DNS TXT record that proves control of a portal hostname before it is added. */
export type HostnameVerification = Schemas['HostnameVerification'];
export type WebhookEndpoint = Schemas['WebhookEndpoint'];
export type WebhookEndpointWithSecret = Schemas['WebhookEndpointWithSecret'];
export type WebhookEndpointList = Schemas['WebhookEndpointList'];
export type CreateWebhookEndpointRequest = Schemas['CreateWebhookEndpointRequest'];
export type UpdateWebhookEndpointRequest = Schemas['UpdateWebhookEndpointRequest'];
export type WebhookAttempt = Schemas['WebhookAttempt'];
export type WebhookAttemptList = Schemas['WebhookAttemptList'];
/** The Svix App Portal link, when the deployment publishes events through Svix. */
export type WebhookPortalSession = Schemas['WebhookPortalSession'];
/**
 * A partner event as delivered: `{ id, type, created_at, workspace_id, data }`, a union over the
 * event catalog, so checking `type` narrows `data` to that type's payload.
 */
export type LarasEvent = Schemas['Event'];
export type LarasEventType = Schemas['EventType'];
/** The event of one type, e.g. `LarasEventOf<'message.received'>`. */
export type LarasEventOf<T extends LarasEventType> = Extract<LarasEvent, { type: T }>;
/** The body of every error response: `{ error: { code, message, request_id, param?, issues? } }`. */
export type LarasError = Schemas['Error'];
export type ErrorCode = Schemas['ErrorCode'];
export type ValidationIssue = Schemas['ValidationIssue'];
export type { components, OperationId, operations, paths } from '@laras/openapi';
