import { getReviewRules as get } from '@laras/core/review-rules';
import { presentReviewRules } from '../../presenters/review-rules.ts';
import { defineRoute } from '../../routing/define-route.ts';
import { workspaceScope } from '../../routing/scope.ts';

export const getReviewRules = defineRoute('getReviewRules')({
  auth: 'workspace',
  async handler({ deps, principal, params }) {
    const rules = await get(deps, workspaceScope(principal, params));
    return { status: 200, body: presentReviewRules(rules) };
  },
});
