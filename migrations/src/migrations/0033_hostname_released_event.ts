/**
 * A partner whose portal hostname moves to another that proved control of it (0031) is told: the
 * release now also writes that partner's `portal_hostname.released` event (about the partner, so
 * no workspace), in the same statement, so one never happens without the other. The event's id is
 * made by the app, as every event id is, and passed in. It is a new overload (one more argument):
 * 0031's stays for API processes still running the older code during a rolling deploy (they release
 * without the event), to be dropped by a later migration.
 */
import type { Knex } from 'knex';
import { APP_ROLE } from '../roles.ts';

const NEW = 'laras_release_unproven_hostname(text, text, text[], text)';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function laras_release_unproven_hostname(
      p_hostname text, p_claimant text, p_records text[], p_event_id text
    )
    returns boolean
    language sql volatile security definer set search_path = public, pg_temp as $$
      with released as (
        delete from partner_hostnames h
         using partners p
         where h.hostname = lower(p_hostname)
           and h.partner_id = p.id
           and h.partner_id <> p_claimant
           and not ('laras-site-verification=' || p.hostname_verification_token) = any (p_records)
        returning h.hostname, h.partner_id
      ),
      told as (
        insert into events (id, partner_id, workspace_id, type, data)
        select p_event_id, r.partner_id, null, 'portal_hostname.released',
               jsonb_build_object('hostname', r.hostname, 'reason', 'verification_record_missing')
          from released r
        returning 1
      )
      select exists (select 1 from told)
    $$;
    revoke all on function ${NEW} from public;
    grant execute on function ${NEW} to ${APP_ROLE};
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop function if exists ${NEW}`);
}
