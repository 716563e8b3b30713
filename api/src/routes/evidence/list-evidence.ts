import { ListEvidenceQuerySchema, listEvidence as list } from '@laras/core/evidence';
import { presentPage } from '../../presenters/page.ts';
import { defineRoute } from '../../routing/define-route.ts';
import { workspaceScope } from '../../routing/scope.ts';

export const listEvidence = defineRoute('listEvidence')({
  auth: 'workspace',
  schemas: { query: ListEvidenceQuerySchema },
  async handler({ deps, principal, params, query }) {
    const page = await list(deps, workspaceScope(principal, params), query);
    // Records are stored in their wire form: the hash covers exactly these fields.
    return { status: 200, body: presentPage(page, (record) => record) };
  },
});
