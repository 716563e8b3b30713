import { eraseContact as erase } from '@laras/core/conversations';
import { defineRoute } from '../../routing/define-route.ts';
import { actorOf, workspaceScope } from '../../routing/scope.ts';

export const eraseContact = defineRoute('eraseContact')({
  auth: 'workspace',
  ownerOnly: true,
  async handler({ deps, principal, params }) {
    const scope = workspaceScope(principal, params);
    const erased = await erase(deps, scope, params.contact_id ?? '', actorOf(principal));
    return {
      status: 200,
      body: {
        contact_id: erased.contactId,
        conversations: erased.conversationIds,
        messages_erased: erased.messagesErased,
        drafts_erased: erased.draftsErased,
      },
    };
  },
});
