import { recoverWebhookEndpoint as recover } from '@laras/core/dispatch';
import { RecoverWebhookEndpointInputSchema } from '@laras/core/webhook-endpoints';
import { defineRoute } from '../../routing/define-route.ts';

export const recoverWebhookEndpoint = defineRoute('recoverWebhookEndpoint')({
  auth: 'partner',
  schemas: { body: RecoverWebhookEndpointInputSchema },
  async handler({ deps, principal, params, body }) {
    const result = await recover(deps, principal, params.endpoint_id ?? '', new Date(body.since));
    return { status: 202, body: { requeued: result.requeued } };
  },
});
