import { ReviewRulesInputSchema, replaceReviewRules as replace } from '@laras/core/review-rules';
import { presentReviewRules } from '../../presenters/review-rules.ts';
import { defineRoute } from '../../routing/define-route.ts';

export const replaceReviewRules = defineRoute('replaceReviewRules')({
  auth: 'partner',
  schemas: { body: ReviewRulesInputSchema },
  async handler({ deps, principal, params, body }) {
    const scope = { partnerId: principal.partnerId, workspaceId: params.workspace_id ?? '' };
    const rules = await replace(deps, scope, body);
    return { status: 200, body: presentReviewRules(rules) };
  },
});
