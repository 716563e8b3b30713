export {
  createWorkspace,
  deleteWorkspace,
  getWorkspace,
  listWorkspaces,
  requireWorkspace,
  updateWorkspace,
} from './service.ts';
export {
  type CreateWorkspaceInput,
  CreateWorkspaceInputSchema,
  type ListWorkspacesQuery,
  ListWorkspacesQuerySchema,
  type UpdateWorkspaceInput,
  UpdateWorkspaceInputSchema,
  type Workspace,
} from './types.ts';
