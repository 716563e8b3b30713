import { ListDraftsQuerySchema, listDrafts as list } from '@laras/core/drafts';
import { presentDraft } from '../../presenters/draft.ts';
import { presentPage } from '../../presenters/page.ts';
import { defineRoute } from '../../routing/define-route.ts';
import { workspaceScope } from '../../routing/scope.ts';

export const listDrafts = defineRoute('listDrafts')({
  auth: 'workspace',
  schemas: { query: ListDraftsQuerySchema },
  async handler({ deps, principal, params, query }) {
    const page = await list(deps, workspaceScope(principal, params), query);
    return { status: 200, body: presentPage(page, presentDraft) };
  },
});
