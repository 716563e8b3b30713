import { RejectDraftInputSchema, rejectDraft as reject } from '@laras/core/drafts';
import { presentDraft } from '../../presenters/draft.ts';
import { defineRoute } from '../../routing/define-route.ts';
import { actorOf, workspaceScope } from '../../routing/scope.ts';

export const rejectDraft = defineRoute('rejectDraft')({
  auth: 'workspace',
  schemas: { body: RejectDraftInputSchema },
  async handler({ deps, principal, params, body }) {
    const scope = workspaceScope(principal, params);
    const draft = await reject(deps, scope, params.draft_id ?? '', body, actorOf(principal));
    return { status: 200, body: presentDraft(draft) };
  },
});
