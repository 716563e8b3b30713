import { CreateApiKeyInputSchema, createApiKey as create } from '@laras/core/api-keys';
import { presentCreatedApiKey } from '../../presenters/api-key.ts';
import { defineRoute } from '../../routing/define-route.ts';

export const createApiKey = defineRoute('createApiKey')({
  auth: 'partner',
  schemas: { body: CreateApiKeyInputSchema },
  async handler({ deps, principal, body }) {
    const key = await create(deps, principal, body);
    return { status: 201, body: presentCreatedApiKey(key) };
  },
});
