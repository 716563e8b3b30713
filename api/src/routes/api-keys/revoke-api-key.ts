import { revokeApiKey as revoke } from '@laras/core/api-keys';
import { presentApiKey } from '../../presenters/api-key.ts';
import { defineRoute } from '../../routing/define-route.ts';

export const revokeApiKey = defineRoute('revokeApiKey')({
  auth: 'partner',
  async handler({ deps, principal, params }) {
    const key = await revoke(deps, principal, params.api_key_id ?? '');
    return { status: 200, body: presentApiKey(key) };
  },
});
