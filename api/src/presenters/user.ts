import type { PortalSession } from '@laras/core/portal-sessions';
import type { CreatedSignInLink, User } from '@laras/core/users';
import type { components } from '@laras/openapi';

/** A portal user; the password hash never reaches this layer, only whether one is set. */
export function presentUser(user: User): components['schemas']['User'] {
  return {
    id: user.id,
    workspace_id: user.workspaceId,
    email: user.email,
    name: user.name,
    role: user.role,
    has_password: user.hasPassword,
    created_at: user.createdAt.toISOString(),
    last_sign_in_at: user.lastSignInAt?.toISOString() ?? null,
  };
}

export function presentSignInLink(link: CreatedSignInLink): components['schemas']['SignInLink'] {
  return { url: link.url, purpose: link.purpose, expires_at: link.expiresAt.toISOString() };
}

export function presentPortalSession(session: PortalSession): components['schemas']['PortalSession'] {
  return {
    user: presentUser(session.user),
    workspace: { id: session.workspace.id, name: session.workspace.name },
    csrf_token: session.csrfToken,
    expires_at: session.expiresAt.toISOString(),
  };
}
