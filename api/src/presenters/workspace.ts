import type { Workspace } from '@laras/core/workspaces';
import type { components } from '@laras/openapi';

export function presentWorkspace(workspace: Workspace): components['schemas']['Workspace'] {
  return {
    id: workspace.id,
    name: workspace.name,
    external_id: workspace.externalId,
    metadata: workspace.metadata,
    created_at: workspace.createdAt.toISOString(),
    updated_at: workspace.updatedAt.toISOString(),
  };
}
