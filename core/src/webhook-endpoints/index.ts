export { type AddressVerdict, ipLiteralOf, judgeAddress } from './address-policy.ts';
export { generateEndpointSecret, ROTATION_OVERLAP_MS, secretBinding } from './secret.ts';
export {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookAttempts,
  listWebhookEndpoints,
  rotateWebhookEndpointSecret,
  updateWebhookEndpoint,
} from './service.ts';
export {
  type CreateWebhookEndpointInput,
  CreateWebhookEndpointInputSchema,
  type ListWebhookAttemptsQuery,
  ListWebhookAttemptsQuerySchema,
  type ListWebhookQuery,
  ListWebhookQuerySchema,
  type RecoverWebhookEndpointInput,
  RecoverWebhookEndpointInputSchema,
  type UpdateWebhookEndpointInput,
  UpdateWebhookEndpointInputSchema,
  type WebhookAttempt,
  type WebhookEndpoint,
  type WebhookEndpointWithSecret,
} from './types.ts';
export { checkEndpointUrl } from './url-check.ts';
