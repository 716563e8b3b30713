import {
  CreateWebhookEndpointInputSchema,
  createWebhookEndpoint as create,
} from '@laras/core/webhook-endpoints';
import { presentWebhookEndpointWithSecret } from '../../presenters/webhook-endpoint.ts';
import { defineRoute } from '../../routing/define-route.ts';

export const createWebhookEndpoint = defineRoute('createWebhookEndpoint')({
  auth: 'partner',
  schemas: { body: CreateWebhookEndpointInputSchema },
  async handler({ deps, principal, body }) {
    const endpoint = await create(deps, principal, body);
    return { status: 201, body: presentWebhookEndpointWithSecret(endpoint) };
  },
});
