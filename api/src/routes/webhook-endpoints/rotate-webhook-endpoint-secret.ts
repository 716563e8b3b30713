import { rotateWebhookEndpointSecret as rotate } from '@laras/core/webhook-endpoints';
import { presentWebhookEndpointWithSecret } from '../../presenters/webhook-endpoint.ts';
import { defineRoute } from '../../routing/define-route.ts';

export const rotateWebhookEndpointSecret = defineRoute('rotateWebhookEndpointSecret')({
  auth: 'partner',
  async handler({ deps, principal, params }) {
    const endpoint = await rotate(deps, principal, params.endpoint_id ?? '');
    return { status: 200, body: presentWebhookEndpointWithSecret(endpoint) };
  },
});
