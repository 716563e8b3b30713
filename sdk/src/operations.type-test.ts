/**
 * Compile-time checks of the SDK's types, part of `tsc -p sdk` and never run: operation methods
 * take what the spec requires, reject what it does not know, and return the spec's types.
 */
import type { components, OperationId } from '@laras/openapi';
import {
  createLaras,
  type Laras,
  type LarasError,
  type LarasEvent,
  type LarasEventOf,
  type ListItem,
  type ListOperationId,
  verifyWebhook,
  type Workspace,
} from './index.ts';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(): T | undefined => undefined;

/** An operationId named like another property of the Laras object would be shadowed. */
assertType<Equal<Extract<OperationId, Exclude<keyof Laras, OperationId>>, never>>();

const laras = createLaras({ apiKey: 'lrs_test_typecheck', baseUrl: 'http://localhost:3000' });
const path = { workspace_id: 'ws_1' };

export async function typeChecks(): Promise<void> {
  const created = await laras.createWorkspace({ body: { name: 'Kopi Kita', external_id: 'c-1' } });
  if (created.data) assertType<Equal<typeof created.data, Workspace>>();
  if (created.error) assertType<Equal<typeof created.error, LarasError>>();
  await laras.createWorkspace({ body: { name: 'Kopi' }, headers: { 'Idempotency-Key': 'k' } });
  await laras.listWorkspaces();
  await laras.listWorkspaces({
    params: { query: { limit: 10, cursor: 'c' } },
    signal: AbortSignal.timeout(5),
  });
  await laras.getWorkspace({ params: { path } });
  await laras.replaceBusinessContext({
    params: { path },
    body: { business: { name: 'K', description: '', tone: 'warm', languages: ['id'] } },
  });
  const page = await laras.listApiKeys();
  page.data?.data[0]?.revoked_at satisfies string | null | undefined;

  // @ts-expect-error the body is required
  await laras.createWorkspace();
  // @ts-expect-error a field the spec does not know
  await laras.createWorkspace({ body: { name: 'x', nam: 'y' } });
  // @ts-expect-error a field of the wrong type
  await laras.updateWorkspace({ params: { path }, body: { name: 42 } });
  // @ts-expect-error the path parameter is required
  await laras.getWorkspace({ params: { path: {} } });
  // @ts-expect-error the params are required
  await laras.getWorkspace();
  // @ts-expect-error a query parameter the operation does not have
  await laras.listWorkspaces({ params: { query: { page: 2 } } });
  // @ts-expect-error no such operation
  await laras.createWorkspaces({ body: { name: 'x' } });

  await laras.client.GET('/v1/workspaces/{workspace_id}', { params: { path } });
  // @ts-expect-error no such path
  await laras.client.GET('/v1/workspace');
}

/** `verifyWebhook` returns the catalog's union: checking `type` narrows `data`. */
export function eventTypeChecks(body: string, headers: Record<string, string>): void {
  const event = verifyWebhook(body, headers, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
  assertType<Equal<typeof event, LarasEvent>>();
  if (event.type === 'message.received') {
    assertType<Equal<typeof event, LarasEventOf<'message.received'>>>();
    assertType<Equal<typeof event.data.conversation_id, string>>();
    // @ts-expect-error a received message says nothing of drafts
    event.data.draft_id;
  }
  if (event.type === 'webhook_endpoint.disabled') {
    assertType<Equal<typeof event.data.endpoint_id, string>>();
  }
  assertType<Equal<typeof event.workspace_id, string | null>>();
}

/** `paginate` takes list operations only, with their own input, and yields their item type. */
export async function paginateTypeChecks(): Promise<void> {
  assertType<Equal<ListItem<'listWorkspaces'>, Workspace>>();
  assertType<Equal<Extract<ListOperationId, 'listDrafts' | 'getWorkspace'>, 'listDrafts'>>();
  for await (const workspace of laras.paginate('listWorkspaces'))
    assertType<Equal<typeof workspace, Workspace>>();
  for await (const draft of laras.paginate('listDrafts', {
    params: { path, query: { state: 'pending_approval' } },
  })) {
    assertType<Equal<typeof draft, components['schemas']['Draft']>>();
  }
  // @ts-expect-error not a list operation
  laras.paginate('getWorkspace', { params: { path } });
  // @ts-expect-error the workspace is required
  laras.paginate('listDrafts');
  // @ts-expect-error a filter the operation does not have
  laras.paginate('listDrafts', { params: { path, query: { colour: 'red' } } });
}
