import { AppError } from '@laras/core';
import { authenticateApiKey } from '@laras/core/api-keys';
import type { AppContext } from '../state.ts';

export function unauthenticated(message: string): AppError {
  return new AppError('unauthenticated', message, { headers: { 'WWW-Authenticate': 'Bearer' } });
}

/** Resolves `Authorization: Bearer lrs_…` to the partner it belongs to; anything else is a 401. */
export async function authenticatePartner(ctx: AppContext): Promise<void> {
  const header = ctx.get('Authorization');
  if (!header) throw unauthenticated('Send your API key as `Authorization: Bearer lrs_…`.');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const secret = match?.[1];
  const principal = secret ? await authenticateApiKey(ctx.state.deps, secret) : undefined;
  if (!principal) throw unauthenticated('The API key is not valid or has been revoked.');
  ctx.state.principal = { kind: 'partner', ...principal };
}
