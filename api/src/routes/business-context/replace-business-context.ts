import { BusinessContextInputSchema, replaceBusinessContext as replace } from '@laras/core/business-context';
import { presentBusinessContext } from '../../presenters/business-context.ts';
import { defineRoute } from '../../routing/define-route.ts';
import { workspaceScope } from '../../routing/scope.ts';

export const replaceBusinessContext = defineRoute('replaceBusinessContext')({
  auth: 'workspace',
  ownerOnly: true,
  // The largest context the spec's limits allow is ~3.3 MB of JSON in plain ASCII, more with
  // escapes or non-Latin scripts: more than the 1 MiB every other body is held to.
  bodyLimitBytes: 8 * 1024 * 1024,
  schemas: { body: BusinessContextInputSchema },
  async handler({ deps, principal, params, body }) {
    const scope = workspaceScope(principal, params);
    const context = await replace(deps, scope, body);
    return { status: 200, body: presentBusinessContext(context) };
  },
});
