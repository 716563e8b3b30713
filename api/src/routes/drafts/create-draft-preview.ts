import { DraftPreviewInputSchema, previewDraft } from '@laras/core/draft-previews';
import { presentDraftPreview } from '../../presenters/draft-preview.ts';
import { defineRoute } from '../../routing/define-route.ts';
import { workspaceScope } from '../../routing/scope.ts';

export const createDraftPreview = defineRoute('createDraftPreview')({
  auth: 'partner',
  schemas: { body: DraftPreviewInputSchema },
  async handler({ deps, principal, params, body }) {
    const preview = await previewDraft(deps, workspaceScope(principal, params), body);
    return { status: 200, body: presentDraftPreview(preview) };
  },
});
