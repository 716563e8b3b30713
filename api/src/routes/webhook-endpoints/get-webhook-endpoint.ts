import { getWebhookEndpoint as get } from '@laras/core/webhook-endpoints';
import { presentWebhookEndpoint } from '../../presenters/webhook-endpoint.ts';
import { defineRoute } from '../../routing/define-route.ts';

export const getWebhookEndpoint = defineRoute('getWebhookEndpoint')({
  auth: 'partner',
  async handler({ deps, principal, params }) {
    const endpoint = await get(deps, principal, params.endpoint_id ?? '');
    return { status: 200, body: presentWebhookEndpoint(endpoint) };
  },
});
