import { ApproveDraftInputSchema, approveDraft as approve } from '@laras/core/drafts';
import { presentDraft } from '../../presenters/draft.ts';
import { defineRoute } from '../../routing/define-route.ts';
import { actorOf, workspaceScope } from '../../routing/scope.ts';

export const approveDraft = defineRoute('approveDraft')({
  auth: 'workspace',
  schemas: { body: ApproveDraftInputSchema },
  async handler({ deps, principal, params, body }) {
    const scope = workspaceScope(principal, params);
    const draft = await approve(deps, scope, params.draft_id ?? '', body, actorOf(principal));
    return { status: 200, body: presentDraft(draft) };
  },
});
