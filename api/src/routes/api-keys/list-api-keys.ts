import { ListApiKeysQuerySchema, listApiKeys as list } from '@laras/core/api-keys';
import { presentApiKey } from '../../presenters/api-key.ts';
import { presentPage } from '../../presenters/page.ts';
import { defineRoute } from '../../routing/define-route.ts';

export const listApiKeys = defineRoute('listApiKeys')({
  auth: 'partner',
  schemas: { query: ListApiKeysQuerySchema },
  async handler({ deps, principal, query }) {
    const page = await list(deps, principal, query);
    return { status: 200, body: presentPage(page, presentApiKey) };
  },
});
