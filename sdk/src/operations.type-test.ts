/**
 * Compile-time checks of the SDK's types (part of `tsc`, never run): operation methods require
 * what the spec requires and reject what it does not know.
 */
import { createLaras } from './index.ts';

const laras = createLaras({ apiKey: 'lrs_test_typecheck', baseUrl: 'http://localhost:3000' });

export async function typeChecks(): Promise<void> {
  const created = await laras.createWorkspace({ body: { name: 'Kopi Kita', external_id: 'c-1' } });
  if (created.data) created.data.id satisfies string;
  if (created.error) created.error.error.code satisfies string;
  await laras.listWorkspaces();
  await laras.listWorkspaces({ params: { query: { limit: 10 } } });
  await laras.getWorkspace({ params: { path: { workspace_id: 'ws_1' } } });
  // @ts-expect-error the body is required
  await laras.createWorkspace();
  // @ts-expect-error unknown field
  await laras.createWorkspace({ body: { nam: 'x' } });
  // @ts-expect-error the path parameter is required
  await laras.getWorkspace({ params: { path: {} } });
  await laras.client.GET('/v1/workspaces/{workspace_id}', { params: { path: { workspace_id: 'ws_1' } } });
}
