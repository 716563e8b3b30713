import {
  UpdateWebhookEndpointInputSchema,
  updateWebhookEndpoint as update,
} from '@laras/core/webhook-endpoints';
import { presentWebhookEndpoint } from '../../presenters/webhook-endpoint.ts';
import { defineRoute } from '../../routing/define-route.ts';

export const updateWebhookEndpoint = defineRoute('updateWebhookEndpoint')({
  auth: 'partner',
  schemas: { body: UpdateWebhookEndpointInputSchema },
  async handler({ deps, principal, params, body }) {
    const endpoint = await update(deps, principal, params.endpoint_id ?? '', body);
    return { status: 200, body: presentWebhookEndpoint(endpoint) };
  },
});
