/**
 * A portal hostname held by one partner can be taken by another that proves control of it (0029's
 * TXT record) when the holder no longer does: its own value is not among the records at the name.
 * That covers claims made before proofs were asked for (the first partner to type a hostname kept
 * it) and a domain that changed hands. The check and the release run here, across tenants, with
 * the holder's value never leaving the database; the caller passes the records it has just read.
 */
import type { Knex } from 'knex';
import { APP_ROLE } from '../roles.ts';

const FUNCTION = 'laras_release_unproven_hostname(text, text, text[])';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function laras_release_unproven_hostname(p_hostname text, p_claimant text, p_records text[])
    returns boolean
    language sql volatile security definer set search_path = public, pg_temp as $$
      with released as (
        delete from partner_hostnames h
         using partners p
         where h.hostname = lower(p_hostname)
           and h.partner_id = p.id
           and h.partner_id <> p_claimant
           and not ('laras-site-verification=' || p.hostname_verification_token) = any (p_records)
        returning h.hostname
      )
      select exists (select 1 from released)
    $$;
    revoke all on function ${FUNCTION} from public;
    grant execute on function ${FUNCTION} to ${APP_ROLE};
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop function if exists ${FUNCTION}`);
}
