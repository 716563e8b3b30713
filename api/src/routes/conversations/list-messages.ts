import { ListMessagesQuerySchema, listMessages as list } from '@laras/core/conversations';
import { presentMessage } from '../../presenters/conversation.ts';
import { presentPage } from '../../presenters/page.ts';
import { defineRoute } from '../../routing/define-route.ts';
import { workspaceScope } from '../../routing/scope.ts';

export const listMessages = defineRoute('listMessages')({
  auth: 'workspace',
  schemas: { query: ListMessagesQuerySchema },
  async handler({ deps, principal, params, query }) {
    const page = await list(deps, workspaceScope(principal, params), params.conversation_id ?? '', query);
    return { status: 200, body: presentPage(page, presentMessage) };
  },
});
