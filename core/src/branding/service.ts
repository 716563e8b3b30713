import type { Knex } from 'knex';
import { type PartnerScope, withTenant } from '../db/index.ts';
import { notFound } from '../errors/index.ts';
import * as repo from './repository.ts';
import type { Branding, UpdateBrandingInput } from './types.ts';

type Deps = { db: Knex };

export function getBranding(deps: Deps, scope: PartnerScope): Promise<Branding> {
  return withTenant(deps.db, scope, async (tx) => {
    const branding = await repo.findBranding(tx);
    if (!branding) throw notFound('partner');
    return branding;
  });
}

/** Changes only the given fields; `null` clears one; `portal_hostnames` replaces the set. */
export function updateBranding(
  deps: Deps,
  scope: PartnerScope,
  input: UpdateBrandingInput,
): Promise<Branding> {
  return withTenant(deps.db, scope, async (tx) => {
    await repo.updateBrandingFields(tx, {
      display_name: input.display_name,
      logo_url: input.logo_url,
      primary_color: input.primary_color,
      support_email: input.support_email,
    });
    if (input.portal_hostnames) await repo.replaceHostnames(tx, input.portal_hostnames);
    const branding = await repo.findBranding(tx);
    if (!branding) throw notFound('partner');
    return branding;
  });
}
