import type {
  WebhookAttempt,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
} from '@laras/core/webhook-endpoints';
import type { components } from '@laras/openapi';

export function presentWebhookEndpoint(endpoint: WebhookEndpoint): components['schemas']['WebhookEndpoint'] {
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    event_types: endpoint.eventTypes,
    disabled: endpoint.disabled,
    disabled_reason: endpoint.disabledReason,
    failing_since: endpoint.failingSince?.toISOString() ?? null,
    previous_secret_expires_at: endpoint.previousSecretExpiresAt?.toISOString() ?? null,
    created_at: endpoint.createdAt.toISOString(),
    updated_at: endpoint.updatedAt.toISOString(),
  };
}

export function presentWebhookEndpointWithSecret(
  endpoint: WebhookEndpointWithSecret,
): components['schemas']['WebhookEndpointWithSecret'] {
  return { ...presentWebhookEndpoint(endpoint), secret: endpoint.secret };
}

export function presentWebhookAttempt(attempt: WebhookAttempt): components['schemas']['WebhookAttempt'] {
  return {
    id: attempt.id,
    event_id: attempt.eventId,
    event_type: attempt.eventType,
    succeeded: attempt.succeeded,
    status_code: attempt.statusCode,
    latency_ms: attempt.latencyMs,
    response_excerpt: attempt.responseExcerpt,
    error: attempt.error,
    attempted_at: attempt.attemptedAt.toISOString(),
    next_attempt_at: attempt.nextAttemptAt?.toISOString() ?? null,
  };
}
