import type { WebhooksConfig } from '../config/index.ts';
import { AppError } from '../errors/index.ts';

/**
 * Refuses built-in endpoint management (409) while Svix delivers the partner's events: endpoints
 * then live in the Svix App Portal, and changing the built-in ones would have no effect.
 */
export function assertBuiltInDispatcher(config: { webhooks: WebhooksConfig }): void {
  if (config.webhooks.svix) {
    throw new AppError(
      'conflict',
      'Webhook endpoints are managed in the Svix App Portal: open it with POST /v1/webhook-portal-sessions.',
    );
  }
}
