import type { Knex } from 'knex';
import type { WebhooksConfig } from '../config/index.ts';
import { type Page, type PartnerScope, withTenant } from '../db/index.ts';
import { notFound } from '../errors/index.ts';
import { newId } from '../ids.ts';
import { assertBuiltInDispatcher } from '../svix/managed.ts';
import { type KeyRing, seal } from '../vault/index.ts';
import * as repo from './repository.ts';
import { generateEndpointSecret, ROTATION_OVERLAP_MS, secretBinding } from './secret.ts';
import type {
  CreateWebhookEndpointInput,
  ListWebhookAttemptsQuery,
  ListWebhookQuery,
  UpdateWebhookEndpointInput,
  WebhookAttempt,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
} from './types.ts';
import { checkEndpointUrl } from './url-check.ts';

type Deps = { db: Knex; vault: KeyRing; config: { webhooks: WebhooksConfig } };

const ENDPOINT = 'webhook endpoint';

/** Creates an endpoint with a new signing secret (sealed at rest; answered only this once). */
export async function createWebhookEndpoint(
  deps: Deps,
  scope: PartnerScope,
  input: CreateWebhookEndpointInput,
): Promise<WebhookEndpointWithSecret> {
  assertBuiltInDispatcher(deps.config);
  await checkEndpointUrl(input.url, deps.config.webhooks.allowPrivateNetworks);
  const id = newId('webhookEndpoint');
  const secret = generateEndpointSecret();
  const endpoint = await withTenant(deps.db, scope, (tx) =>
    repo.insertEndpoint(tx, {
      id,
      url: input.url,
      description: input.description ?? '',
      eventTypes: input.event_types ?? null,
      secretCiphertext: seal(deps.vault, secret, secretBinding(id)).ciphertext,
    }),
  );
  return { ...endpoint, secret };
}

export function listWebhookEndpoints(
  deps: Pick<Deps, 'db' | 'config'>,
  scope: PartnerScope,
  query: ListWebhookQuery,
): Promise<Page<WebhookEndpoint>> {
  assertBuiltInDispatcher(deps.config);
  return withTenant(deps.db, scope, (tx) => repo.listEndpoints(tx, query));
}

export async function getWebhookEndpoint(
  deps: Pick<Deps, 'db' | 'config'>,
  scope: PartnerScope,
  id: string,
): Promise<WebhookEndpoint> {
  assertBuiltInDispatcher(deps.config);
  const endpoint = await withTenant(deps.db, scope, (tx) => repo.findEndpoint(tx, id));
  if (!endpoint) throw notFound(ENDPOINT);
  return endpoint;
}

/**
 * Changes an endpoint. Disabling records `manual`; enabling clears the reason and the failure
 * streak, so the 5-day clock starts again and pending deliveries resume.
 */
export async function updateWebhookEndpoint(
  deps: Deps,
  scope: PartnerScope,
  id: string,
  input: UpdateWebhookEndpointInput,
): Promise<WebhookEndpoint> {
  assertBuiltInDispatcher(deps.config);
  await getWebhookEndpoint(deps, scope, id);
  if (input.url !== undefined) await checkEndpointUrl(input.url, deps.config.webhooks.allowPrivateNetworks);
  const changes: repo.EndpointChanges = {};
  if (input.url !== undefined) changes.url = input.url;
  if (input.description !== undefined) changes.description = input.description;
  if (input.event_types !== undefined) changes.event_types = input.event_types;
  if (input.disabled === true) Object.assign(changes, { disabled: true, disabled_reason: 'manual' });
  if (input.disabled === false)
    Object.assign(changes, { disabled: false, disabled_reason: null, failing_since: null });
  const endpoint = await withTenant(deps.db, scope, (tx) => repo.updateEndpoint(tx, id, changes));
  if (!endpoint) throw notFound(ENDPOINT);
  return endpoint;
}

export async function deleteWebhookEndpoint(
  deps: Pick<Deps, 'db' | 'config'>,
  scope: PartnerScope,
  id: string,
) {
  assertBuiltInDispatcher(deps.config);
  const deleted = await withTenant(deps.db, scope, (tx) => repo.deleteEndpoint(tx, id));
  if (!deleted) throw notFound(ENDPOINT);
}

/**
 * A new signing secret, answered once. The current one becomes the previous one and keeps signing
 * alongside the new one for 24 hours (a second rotation within them drops the oldest).
 */
export async function rotateWebhookEndpointSecret(
  deps: Deps,
  scope: PartnerScope,
  id: string,
  now: Date = new Date(),
): Promise<WebhookEndpointWithSecret> {
  assertBuiltInDispatcher(deps.config);
  const secret = generateEndpointSecret();
  const endpoint = await withTenant(deps.db, scope, async (tx) => {
    const current = await repo.findEndpointSecrets(tx, id);
    if (!current) return undefined;
    return repo.updateEndpoint(tx, id, {
      secret_ciphertext: seal(deps.vault, secret, secretBinding(id)).ciphertext,
      previous_secret_ciphertext: current.secret_ciphertext,
      previous_secret_expires_at: new Date(now.getTime() + ROTATION_OVERLAP_MS),
    });
  });
  if (!endpoint) throw notFound(ENDPOINT);
  return { ...endpoint, secret };
}

/** The endpoint's delivery attempts (of one event, if asked), newest first; another partner's endpoint is a 404. */
export async function listWebhookAttempts(
  deps: Pick<Deps, 'db' | 'config'>,
  scope: PartnerScope,
  endpointId: string,
  query: ListWebhookAttemptsQuery,
): Promise<Page<WebhookAttempt>> {
  assertBuiltInDispatcher(deps.config);
  return withTenant(deps.db, scope, async (tx) => {
    if (!(await repo.findEndpoint(tx, endpointId))) throw notFound(ENDPOINT);
    return repo.listAttempts(tx, endpointId, query, query.event_id);
  });
}
