import type { WorkspaceScope } from '@laras/core';
import type { Principal } from '../state.ts';

/**
 * The workspace a request acts on: the path's, for an API key (its partner's rows only), or the
 * session's own, for a portal session (the auth middleware already refused any other path).
 */
export function workspaceScope(principal: Principal, params: Record<string, string>): WorkspaceScope {
  const workspaceId = principal.kind === 'session' ? principal.workspaceId : (params.workspace_id ?? '');
  return { partnerId: principal.partnerId, workspaceId };
}

/** Who acted, as the evidence chain records it: the portal user, or the partner's API key. */
export function actorOf(principal: Principal): string {
  return principal.kind === 'session' ? principal.userId : principal.apiKeyId;
}
