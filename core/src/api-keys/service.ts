import type { Knex } from 'knex';
import { type Page, type PartnerScope, withTenant } from '../db/index.ts';
import { notFound } from '../errors/index.ts';
import { newId } from '../ids.ts';
import * as repo from './repository.ts';
import { API_KEY_PATTERN, generateApiKey, hashApiKey } from './secret.ts';
import type { ApiKey, ApiKeyPrincipal, CreateApiKeyInput, CreatedApiKey, ListApiKeysQuery } from './types.ts';

type Deps = { db: Knex };

/** The partner a bearer secret belongs to, or undefined for malformed, unknown or revoked keys. */
export async function authenticateApiKey(deps: Deps, secret: string): Promise<ApiKeyPrincipal | undefined> {
  if (!API_KEY_PATTERN.test(secret)) return undefined;
  return repo.authenticateKeyHash(deps.db, hashApiKey(secret));
}

export function createApiKey(
  deps: Deps,
  scope: PartnerScope,
  input: CreateApiKeyInput,
): Promise<CreatedApiKey> {
  const mode = input.mode ?? 'test';
  const generated = generateApiKey(mode);
  return withTenant(deps.db, scope, async (tx) => {
    const key = await repo.insertApiKey(tx, {
      id: newId('apiKey'),
      name: input.name,
      mode,
      prefix: generated.prefix,
      secretHash: generated.hash,
    });
    return { ...key, secret: generated.secret };
  });
}

export function listApiKeys(deps: Deps, scope: PartnerScope, query: ListApiKeysQuery): Promise<Page<ApiKey>> {
  return withTenant(deps.db, scope, (tx) =>
    repo.listApiKeys(tx, { limit: query.limit, cursor: query.cursor }),
  );
}

export function revokeApiKey(deps: Deps, scope: PartnerScope, id: string): Promise<ApiKey> {
  return withTenant(deps.db, scope, async (tx) => {
    const key = await repo.revokeApiKey(tx, id);
    if (!key) throw notFound('API key');
    return key;
  });
}
