/**
 * Partner events through Svix. A partner remembers that its Svix application exists, so it is not
 * requested again for every event. Events record their publishing progress (attempts, when the
 * next is due, the last error, Svix's message id); `fanned_out_at` stays the one "handed off"
 * marker, set by whichever dispatcher is configured, so switching between them never sends an
 * event twice. The publisher finds due events across tenants through a definer function that
 * returns only ids and tenants.
 */
import type { Knex } from 'knex';
import { APP_ROLE } from '../roles.ts';

const TO_PUBLISH = 'laras_events_to_publish(timestamptz, integer)';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table partners add column svix_app_created_at timestamptz;

    alter table events
      add column svix_attempts integer not null default 0,
      add column svix_next_attempt_at timestamptz,
      add column svix_message_id text check (length(svix_message_id) <= 256),
      add column svix_error text check (length(svix_error) <= 500);
    grant update (svix_attempts, svix_next_attempt_at, svix_message_id, svix_error) on events to ${APP_ROLE};

    create function laras_events_to_publish(p_now timestamptz, p_limit integer)
    returns table (event_id text, partner_id text)
    language sql stable security definer set search_path = public, pg_temp as $$
      select e.id::text, e.partner_id::text
        from events e
       where e.fanned_out_at is null
         and (e.svix_next_attempt_at is null or e.svix_next_attempt_at <= p_now)
       order by e.id
       limit p_limit
    $$;
    revoke all on function ${TO_PUBLISH} from public;
    grant execute on function ${TO_PUBLISH} to ${APP_ROLE};
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop function if exists ${TO_PUBLISH};
    alter table events
      drop column svix_attempts,
      drop column svix_next_attempt_at,
      drop column svix_message_id,
      drop column svix_error;
    alter table partners drop column svix_app_created_at;
  `);
}
