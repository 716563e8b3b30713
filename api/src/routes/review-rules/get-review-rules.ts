import { getReviewRules as get } from '@laras/core/review-rules';
import { presentReviewRules } from '../../presenters/review-rules.ts';
import { defineRoute } from '../../routing/define-route.ts';

export const getReviewRules = defineRoute('getReviewRules')({
  auth: 'partner',
  async handler({ deps, principal, params }) {
    const rules = await get(deps, { partnerId: principal.partnerId, workspaceId: params.workspace_id ?? '' });
    return { status: 200, body: presentReviewRules(rules) };
  },
});
