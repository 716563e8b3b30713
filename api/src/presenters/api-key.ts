import type { ApiKey, CreatedApiKey } from '@laras/core/api-keys';
import type { components } from '@laras/openapi';

export function presentApiKey(key: ApiKey): components['schemas']['ApiKey'] {
  return {
    id: key.id,
    name: key.name,
    mode: key.mode,
    prefix: key.prefix,
    created_at: key.createdAt.toISOString(),
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
    revoked_at: key.revokedAt?.toISOString() ?? null,
  };
}

export function presentCreatedApiKey(key: CreatedApiKey): components['schemas']['ApiKeyWithSecret'] {
  return { ...presentApiKey(key), secret: key.secret };
}
