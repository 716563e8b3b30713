import type { Knex } from 'knex';
import type { DnsConfig } from '../config/index.ts';
import { type PartnerScope, withTenant } from '../db/index.ts';
import { AppError, notFound } from '../errors/index.ts';
import { isReservedHostname, verifyHostnames } from './hostname-verification.ts';
import * as repo from './repository.ts';
import type { Branding, PortalBranding, UpdateBrandingInput } from './types.ts';

type Deps = { db: Knex };

export function getBranding(deps: Deps, scope: PartnerScope): Promise<Branding> {
  return withTenant(deps.db, scope, async (tx) => {
    const branding = await repo.findBranding(tx);
    if (!branding) throw notFound('partner');
    return branding;
  });
}

/**
 * Changes only the given fields; `null` clears one; `portal_hostnames` replaces the set. The
 * platform's own hostname (`publicUrl`'s) is never a partner's: whoever claimed it would brand, and
 * take the sign-ins of, the platform's own portal. A hostname the partner does not hold yet needs
 * its DNS proof of control (unless reserved); the lookups run before, and outside, the write, and any
 * failure leaves everything unchanged. Held hostnames are not checked again. A proven hostname
 * another partner holds is released from it if that partner's own value is no longer published.
 */
export async function updateBranding(
  deps: Deps & { publicUrl: string; dns: DnsConfig },
  scope: PartnerScope,
  input: UpdateBrandingInput,
): Promise<Branding> {
  const platformHost = new URL(deps.publicUrl).hostname.toLowerCase();
  if (input.portal_hostnames?.includes(platformHost)) {
    throw new AppError(
      'invalid_request',
      `"${platformHost}" is this platform's own hostname; a portal hostname must be one of yours.`,
      { param: 'portal_hostnames' },
    );
  }
  // The TXT records read for each added hostname, to release it from a holder no longer proven.
  let proofs = new Map<string, readonly string[]>();
  if (input.portal_hostnames) {
    const current = await getBranding(deps, scope);
    const held = new Set(current.portalHostnames);
    const added = input.portal_hostnames
      .map((hostname, index) => ({ hostname, index }))
      .filter(
        ({ hostname, index }) =>
          input.portal_hostnames?.indexOf(hostname) === index &&
          !held.has(hostname) &&
          !isReservedHostname(hostname),
      );
    if (added.length > 0) proofs = await verifyHostnames(deps.dns, current.verificationValue, added);
  }
  return withTenant(deps.db, scope, async (tx) => {
    // Proven: a hostname another partner holds without proving it any more (a claim older than
    // proofs, a domain that changed hands) is theirs no longer, and they are told; one still proven
    // stays a 409. In this transaction, so a request that fails (such a 409) releases nothing.
    for (const [hostname, found] of proofs) await repo.releaseUnprovenHostname(tx, hostname, found);
    await repo.updateBrandingFields(tx, {
      display_name: input.display_name,
      logo_url: input.logo_url,
      primary_color: input.primary_color,
      support_email: input.support_email,
    });
    if (input.portal_hostnames) await repo.replaceHostnames(tx, [...new Set(input.portal_hostnames)]);
    const branding = await repo.findBranding(tx);
    if (!branding) throw notFound('partner');
    return branding;
  });
}

/** What a portal shows before anyone signs in, when no partner serves the hostname. */
export const DEFAULT_PORTAL_BRANDING: PortalBranding = {
  displayName: 'Laras',
  logoUrl: null,
  primaryColor: '#0a7cff',
  supportEmail: null,
};

/**
 * The look of the portal served at `hostname` (the request's Host, without port): the branding of
 * the partner that claimed it, else Laras's defaults. It never says which partner that is.
 */
export async function getPortalBranding(deps: Deps, hostname: string): Promise<PortalBranding> {
  const partnerId = await repo.partnerIdForHostname(deps.db, hostname.toLowerCase());
  if (!partnerId) return DEFAULT_PORTAL_BRANDING;
  const branding = await withTenant(deps.db, { partnerId }, (tx) => repo.findBranding(tx));
  if (!branding) return DEFAULT_PORTAL_BRANDING;
  return {
    displayName: branding.displayName,
    logoUrl: branding.logoUrl,
    primaryColor: branding.primaryColor ?? DEFAULT_PORTAL_BRANDING.primaryColor,
    supportEmail: branding.supportEmail,
  };
}

/** The partner whose portal is served at `hostname`, if any (for signing in on that portal). */
export function partnerForHostname(deps: Deps, hostname: string): Promise<string | undefined> {
  return repo.partnerIdForHostname(deps.db, hostname.toLowerCase());
}
