import { deleteWebhookEndpoint as remove } from '@laras/core/webhook-endpoints';
import { defineRoute } from '../../routing/define-route.ts';

export const deleteWebhookEndpoint = defineRoute('deleteWebhookEndpoint')({
  auth: 'partner',
  async handler({ deps, principal, params }) {
    await remove(deps, principal, params.endpoint_id ?? '');
    return { status: 204, body: undefined };
  },
});
