import { ListWebhookAttemptsQuerySchema, listWebhookAttempts as list } from '@laras/core/webhook-endpoints';
import { presentPage } from '../../presenters/page.ts';
import { presentWebhookAttempt } from '../../presenters/webhook-endpoint.ts';
import { defineRoute } from '../../routing/define-route.ts';

export const listWebhookAttempts = defineRoute('listWebhookAttempts')({
  auth: 'partner',
  schemas: { query: ListWebhookAttemptsQuerySchema },
  async handler({ deps, principal, params, query }) {
    const page = await list(deps, principal, params.endpoint_id ?? '', query);
    return { status: 200, body: presentPage(page, presentWebhookAttempt) };
  },
});
