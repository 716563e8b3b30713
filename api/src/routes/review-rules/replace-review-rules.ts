import { ReviewRulesInputSchema, replaceReviewRules as replace } from '@laras/core/review-rules';
import { presentReviewRules } from '../../presenters/review-rules.ts';
import { defineRoute } from '../../routing/define-route.ts';
import { workspaceScope } from '../../routing/scope.ts';

export const replaceReviewRules = defineRoute('replaceReviewRules')({
  auth: 'workspace',
  ownerOnly: true,
  schemas: { body: ReviewRulesInputSchema },
  async handler({ deps, principal, params, body }) {
    const scope = workspaceScope(principal, params);
    const rules = await replace(deps, scope, body);
    return { status: 200, body: presentReviewRules(rules) };
  },
});
