import { fetchPage, type Page, type PageRequest, type TenantTx } from '../db/index.ts';
import type { EventType } from '../events/index.ts';
import type { WebhookAttempt, WebhookEndpoint } from './types.ts';

export type EndpointRow = {
  id: string;
  partner_id: string;
  url: string;
  description: string;
  event_types: EventType[] | null;
  secret_ciphertext: string;
  previous_secret_ciphertext: string | null;
  previous_secret_expires_at: Date | null;
  disabled: boolean;
  disabled_reason: string | null;
  failing_since: Date | null;
  created_at: Date;
  updated_at: Date;
};

type AttemptRow = {
  id: string;
  endpoint_id: string;
  delivery_id: string;
  event_id: string;
  event_type: EventType;
  succeeded: boolean;
  status_code: number | null;
  latency_ms: number;
  response_excerpt: string | null;
  error: string | null;
  attempted_at: Date;
  next_attempt_at: Date | null;
};

const COLUMNS = [
  'id',
  'partner_id',
  'url',
  'description',
  'event_types',
  'previous_secret_expires_at',
  'disabled',
  'disabled_reason',
  'failing_since',
  'created_at',
  'updated_at',
];

export function toEndpoint(row: Omit<EndpointRow, 'secret_ciphertext' | 'previous_secret_ciphertext'>) {
  const endpoint: WebhookEndpoint = {
    id: row.id,
    partnerId: row.partner_id,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types,
    disabled: row.disabled,
    disabledReason: row.disabled_reason,
    failingSince: row.failing_since,
    previousSecretExpiresAt: row.previous_secret_expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  return endpoint;
}

function toAttempt(row: AttemptRow): WebhookAttempt {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    deliveryId: row.delivery_id,
    eventId: row.event_id,
    eventType: row.event_type,
    succeeded: row.succeeded,
    statusCode: row.status_code,
    latencyMs: row.latency_ms,
    responseExcerpt: row.response_excerpt,
    error: row.error,
    attemptedAt: row.attempted_at,
    nextAttemptAt: row.next_attempt_at,
  };
}

export async function insertEndpoint(
  tx: TenantTx,
  values: {
    id: string;
    url: string;
    description: string;
    eventTypes: EventType[] | null;
    secretCiphertext: string;
  },
): Promise<WebhookEndpoint> {
  const [row] = await tx
    .trx('webhook_endpoints')
    .insert({
      id: values.id,
      partner_id: tx.scope.partnerId,
      url: values.url,
      description: values.description,
      event_types: values.eventTypes,
      secret_ciphertext: values.secretCiphertext,
    })
    .returning<EndpointRow[]>(COLUMNS);
  if (!row) throw new Error('the endpoint insert returned no row');
  return toEndpoint(row);
}

export async function listEndpoints(tx: TenantTx, page: PageRequest): Promise<Page<WebhookEndpoint>> {
  const query = tx.trx('webhook_endpoints').select(COLUMNS).where({ partner_id: tx.scope.partnerId });
  const result = await fetchPage<EndpointRow>(query, 'id', page);
  return { ...result, data: result.data.map(toEndpoint) };
}

export async function findEndpoint(tx: TenantTx, id: string): Promise<WebhookEndpoint | undefined> {
  const row = await tx
    .trx('webhook_endpoints')
    .where({ partner_id: tx.scope.partnerId, id })
    .first<EndpointRow | undefined>(COLUMNS);
  return row ? toEndpoint(row) : undefined;
}

/**
 * The endpoint with its sealed secrets, for a rotation; locks the row until the transaction ends, so
 * a concurrent rotation waits and then reads this one's secret as the current one (without the lock
 * both would read the same secret, and the one rotated first would be lost).
 */
export async function findEndpointSecrets(tx: TenantTx, id: string): Promise<EndpointRow | undefined> {
  return tx
    .trx('webhook_endpoints')
    .where({ partner_id: tx.scope.partnerId, id })
    .forUpdate()
    .first<EndpointRow | undefined>('*');
}

export type EndpointChanges = {
  url?: string;
  description?: string;
  event_types?: EventType[] | null;
  disabled?: boolean;
  disabled_reason?: string | null;
  failing_since?: Date | null;
  secret_ciphertext?: string;
  previous_secret_ciphertext?: string | null;
  previous_secret_expires_at?: Date | null;
};

export async function updateEndpoint(
  tx: TenantTx,
  id: string,
  changes: EndpointChanges,
): Promise<WebhookEndpoint | undefined> {
  const [row] = await tx
    .trx('webhook_endpoints')
    .where({ partner_id: tx.scope.partnerId, id })
    .update({ ...changes, updated_at: tx.trx.fn.now() })
    .returning<EndpointRow[]>(COLUMNS);
  return row ? toEndpoint(row) : undefined;
}

export async function deleteEndpoint(tx: TenantTx, id: string): Promise<boolean> {
  const deleted = await tx.trx('webhook_endpoints').where({ partner_id: tx.scope.partnerId, id }).delete();
  return deleted > 0;
}

export async function listAttempts(
  tx: TenantTx,
  endpointId: string,
  page: PageRequest,
  eventId?: string,
): Promise<Page<WebhookAttempt>> {
  const query = tx
    .trx('webhook_attempts')
    .select('*')
    .where({ partner_id: tx.scope.partnerId, endpoint_id: endpointId });
  if (eventId) query.where({ event_id: eventId });
  const result = await fetchPage<AttemptRow>(query, 'id', page);
  return { ...result, data: result.data.map(toAttempt) };
}
