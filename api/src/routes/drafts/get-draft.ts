import { getDraft as get } from '@laras/core/drafts';
import { presentDraft } from '../../presenters/draft.ts';
import { defineRoute } from '../../routing/define-route.ts';
import { workspaceScope } from '../../routing/scope.ts';

export const getDraft = defineRoute('getDraft')({
  auth: 'workspace',
  async handler({ deps, principal, params }) {
    return {
      status: 200,
      body: presentDraft(await get(deps, workspaceScope(principal, params), params.draft_id ?? '')),
    };
  },
});
