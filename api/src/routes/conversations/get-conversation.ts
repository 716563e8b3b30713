import { getConversation as get } from '@laras/core/conversations';
import { presentConversation } from '../../presenters/conversation.ts';
import { defineRoute } from '../../routing/define-route.ts';
import { workspaceScope } from '../../routing/scope.ts';

export const getConversation = defineRoute('getConversation')({
  auth: 'workspace',
  async handler({ deps, principal, params }) {
    const scope = workspaceScope(principal, params);
    return { status: 200, body: presentConversation(await get(deps, scope, params.conversation_id ?? '')) };
  },
});
