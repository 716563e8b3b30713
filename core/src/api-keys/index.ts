export { API_KEY_PATTERN, type ApiKeyMode, generateApiKey, hashApiKey } from './secret.ts';
export { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from './service.ts';
export {
  type ApiKey,
  type ApiKeyPrincipal,
  type CreateApiKeyInput,
  CreateApiKeyInputSchema,
  type CreatedApiKey,
  type ListApiKeysQuery,
  ListApiKeysQuerySchema,
} from './types.ts';
