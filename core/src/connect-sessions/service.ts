import type { Knex } from 'knex';
import { findBranding } from '../branding/repository.ts';
import { type TenantTx, type WorkspaceScope, withTenant } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { newId } from '../ids.ts';
import { requireWorkspace } from '../workspaces/service.ts';
import * as repo from './repository.ts';
import { newSecret } from './secrets.ts';
import { type CreateConnectSessionInput, type CreatedConnectSession, LOCAL_HOSTS } from './types.ts';

type Deps = { db: Knex; publicUrl: string; ttlSeconds: number };

/** A single-use, short-lived link that runs the connect flow for one channel of one workspace. */
export function createConnectSession(
  deps: Deps,
  scope: WorkspaceScope,
  input: CreateConnectSessionInput,
): Promise<CreatedConnectSession> {
  const token = newSecret();
  return withTenant(deps.db, scope, async (tx) => {
    await requireWorkspace(tx, scope.workspaceId);
    if (input.return_url) await checkReturnUrl(tx, deps.publicUrl, input.return_url);
    const session = await repo.insertSession(tx, {
      id: newId('connectSession'),
      channel: input.channel,
      tokenHash: token.hash,
      returnUrl: input.return_url ?? null,
      ttlSeconds: deps.ttlSeconds,
    });
    return { ...session, url: new URL(`/connect/${token.value}`, deps.publicUrl).toString() };
  });
}

/**
 * Where a finished flow may send the person back to: any https URL, or plain http only on
 * loopback, this API's own host (PUBLIC_URL) or one of the partner's portal hostnames — so the
 * portal can pass its own origin in development and on partner hostnames without TLS.
 */
async function checkReturnUrl(
  tx: TenantTx<WorkspaceScope>,
  publicUrl: string,
  returnUrl: string,
): Promise<void> {
  const url = new URL(returnUrl);
  if (url.protocol === 'https:' || LOCAL_HOSTS.has(url.hostname)) return;
  if (url.hostname === new URL(publicUrl).hostname) return;
  const branding = await findBranding(tx);
  if (branding?.portalHostnames.includes(url.hostname)) return;
  throw new AppError(
    'invalid_request',
    "return_url must be https, or http only on localhost, this API's host or one of your portal hostnames.",
    { param: 'return_url' },
  );
}
