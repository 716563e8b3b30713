import { ListConversationsQuerySchema, listConversations as list } from '@laras/core/conversations';
import { presentConversation } from '../../presenters/conversation.ts';
import { presentPage } from '../../presenters/page.ts';
import { defineRoute } from '../../routing/define-route.ts';
import { workspaceScope } from '../../routing/scope.ts';

export const listConversations = defineRoute('listConversations')({
  auth: 'workspace',
  schemas: { query: ListConversationsQuerySchema },
  async handler({ deps, principal, params, query }) {
    const page = await list(deps, workspaceScope(principal, params), query);
    return { status: 200, body: presentPage(page, presentConversation) };
  },
});
