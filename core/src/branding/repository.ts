import type { Knex } from 'knex';
import type { PartnerScope, TenantTx } from '../db/index.ts';
import { newId } from '../ids.ts';
import { verificationValue } from './hostname-verification.ts';
import type { Branding } from './types.ts';

type PartnerRow = {
  name: string;
  display_name: string | null;
  logo_url: string | null;
  primary_color: string | null;
  support_email: string | null;
  hostname_verification_token: string;
};

export async function findBranding(tx: TenantTx<PartnerScope>): Promise<Branding | undefined> {
  const row: PartnerRow | undefined = await tx
    .trx('partners')
    .select(
      'name',
      'display_name',
      'logo_url',
      'primary_color',
      'support_email',
      'hostname_verification_token',
    )
    .where({ id: tx.scope.partnerId })
    .first();
  if (!row) return undefined;
  const hosts: Array<{ hostname: string }> = await tx
    .trx('partner_hostnames')
    .select('hostname')
    .where({ partner_id: tx.scope.partnerId })
    .orderBy('hostname');
  return {
    displayName: row.display_name ?? row.name,
    logoUrl: row.logo_url,
    primaryColor: row.primary_color,
    supportEmail: row.support_email,
    portalHostnames: hosts.map((h) => h.hostname),
    verificationValue: verificationValue(row.hostname_verification_token),
  };
}

export async function updateBrandingFields(
  tx: TenantTx<PartnerScope>,
  changes: Partial<Pick<PartnerRow, 'display_name' | 'logo_url' | 'primary_color' | 'support_email'>>,
): Promise<void> {
  await tx
    .trx('partners')
    .where({ id: tx.scope.partnerId })
    .update({ ...changes, updated_at: tx.trx.fn.now() });
}

/** Replaces the partner's hostnames; a hostname of another partner fails on its primary key. */
export async function replaceHostnames(tx: TenantTx<PartnerScope>, hostnames: string[]): Promise<void> {
  await tx.trx('partner_hostnames').where({ partner_id: tx.scope.partnerId }).delete();
  if (hostnames.length === 0) return;
  await tx
    .trx('partner_hostnames')
    .insert(hostnames.map((hostname) => ({ hostname, partner_id: tx.scope.partnerId })));
}

/**
 * Releases `hostname` from another partner than the transaction's whose value is not among
 * `records` (the TXT records just read at its verification name): that partner no longer proves
 * control of it, and is sent `portal_hostname.released` (written with the release, in the
 * function). In the claimant's transaction, so both are undone if its change fails. Answers
 * whether a hostname was released.
 */
export async function releaseUnprovenHostname(
  tx: TenantTx<PartnerScope>,
  hostname: string,
  records: readonly string[],
): Promise<boolean> {
  const result = await tx.trx.raw('select laras_release_unproven_hostname(?, ?, ?::text[], ?) as released', [
    hostname,
    tx.scope.partnerId,
    [...records],
    newId('event'),
  ]);
  return result.rows[0]?.released === true;
}

/** The partner serving `hostname` (lowercase, no port), looked up before any tenant is known. */
export async function partnerIdForHostname(db: Knex, hostname: string): Promise<string | undefined> {
  const result = await db.raw('select laras_partner_id_for_hostname(?) as partner_id', [hostname]);
  const partnerId: unknown = result.rows[0]?.partner_id;
  return typeof partnerId === 'string' ? partnerId : undefined;
}
