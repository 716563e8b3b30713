import type { components } from '@laras/openapi';

export function presentWebhookPortalSession(session: {
  url: string;
  expiresAt: Date;
}): components['schemas']['WebhookPortalSession'] {
  return { url: session.url, expires_at: session.expiresAt.toISOString() };
}
