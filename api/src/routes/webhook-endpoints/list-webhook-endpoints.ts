import { ListWebhookQuerySchema, listWebhookEndpoints as list } from '@laras/core/webhook-endpoints';
import { presentPage } from '../../presenters/page.ts';
import { presentWebhookEndpoint } from '../../presenters/webhook-endpoint.ts';
import { defineRoute } from '../../routing/define-route.ts';

export const listWebhookEndpoints = defineRoute('listWebhookEndpoints')({
  auth: 'partner',
  schemas: { query: ListWebhookQuerySchema },
  async handler({ deps, principal, query }) {
    const page = await list(deps, principal, query);
    return { status: 200, body: presentPage(page, presentWebhookEndpoint) };
  },
});
