// Generated from openapi/openapi.yaml by `npm run generate`. Do not edit.

/** Every operation of the spec: its HTTP method and path template. */
export const operationIndex = {
  getHealth: { method: 'get', path: '/healthz' },
  getReadiness: { method: 'get', path: '/readyz' },
  listWorkspaces: { method: 'get', path: '/v1/workspaces' },
  createWorkspace: { method: 'post', path: '/v1/workspaces' },
  getWorkspace: { method: 'get', path: '/v1/workspaces/{workspace_id}' },
  updateWorkspace: { method: 'patch', path: '/v1/workspaces/{workspace_id}' },
  deleteWorkspace: { method: 'delete', path: '/v1/workspaces/{workspace_id}' },
  getBusinessContext: { method: 'get', path: '/v1/workspaces/{workspace_id}/business-context' },
  replaceBusinessContext: { method: 'put', path: '/v1/workspaces/{workspace_id}/business-context' },
  getReviewRules: { method: 'get', path: '/v1/workspaces/{workspace_id}/review-rules' },
  replaceReviewRules: { method: 'put', path: '/v1/workspaces/{workspace_id}/review-rules' },
  createConnectSession: { method: 'post', path: '/v1/workspaces/{workspace_id}/connect-sessions' },
  listConnections: { method: 'get', path: '/v1/workspaces/{workspace_id}/connections' },
  getConnection: { method: 'get', path: '/v1/workspaces/{workspace_id}/connections/{connection_id}' },
  disconnectConnection: { method: 'delete', path: '/v1/workspaces/{workspace_id}/connections/{connection_id}' },
  listApiKeys: { method: 'get', path: '/v1/api-keys' },
  createApiKey: { method: 'post', path: '/v1/api-keys' },
  revokeApiKey: { method: 'post', path: '/v1/api-keys/{api_key_id}/revoke' },
  getBranding: { method: 'get', path: '/v1/branding' },
  updateBranding: { method: 'patch', path: '/v1/branding' },
  listUsers: { method: 'get', path: '/v1/workspaces/{workspace_id}/users' },
  createUser: { method: 'post', path: '/v1/workspaces/{workspace_id}/users' },
  getUser: { method: 'get', path: '/v1/workspaces/{workspace_id}/users/{user_id}' },
  deleteUser: { method: 'delete', path: '/v1/workspaces/{workspace_id}/users/{user_id}' },
  createSignInLink: { method: 'post', path: '/v1/workspaces/{workspace_id}/users/{user_id}/sign-in-links' },
  createSession: { method: 'post', path: '/v1/sessions' },
  redeemSignInLink: { method: 'post', path: '/v1/sessions/redeem' },
  getCurrentSession: { method: 'get', path: '/v1/session' },
  deleteCurrentSession: { method: 'delete', path: '/v1/session' },
  getPortalBranding: { method: 'get', path: '/v1/portal/branding' },
} as const;

export type OperationId = keyof typeof operationIndex;
