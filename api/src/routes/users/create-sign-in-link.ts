import { CreateSignInLinkInputSchema, createSignInLink as create } from '@laras/core/users';
import { presentSignInLink } from '../../presenters/user.ts';
import { defineRoute } from '../../routing/define-route.ts';
import { workspaceScope } from '../../routing/scope.ts';

export const createSignInLink = defineRoute('createSignInLink')({
  auth: 'partner',
  schemas: { body: CreateSignInLinkInputSchema },
  async handler({ deps, principal, params, body }) {
    const link = await create(
      {
        db: deps.db,
        publicUrl: deps.config.http.publicUrl,
        ttlSeconds: deps.config.portal.signInLinkTtlSeconds,
      },
      workspaceScope(principal, params),
      params.user_id ?? '',
      body,
    );
    return { status: 201, body: presentSignInLink(link) };
  },
});
