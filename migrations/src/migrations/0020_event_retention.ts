/**
 * Partner events are kept 90 days after they were handed on, then removed with their deliveries
 * and attempts (which cascade), so the outbox and its history do not grow forever. An event that
 * still has a pending delivery is kept until that delivery settles. The workers prune across
 * tenants through a definer function that deletes a bounded batch and answers how many. The
 * cascades need indexes from an event to its deliveries and from a delivery to its attempts.
 */
import type { Knex } from 'knex';
import { APP_ROLE } from '../roles.ts';

const PRUNE = 'laras_prune_events(timestamptz, integer)';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create index events_handed_on_idx on events (fanned_out_at) where fanned_out_at is not null;
    create index webhook_deliveries_event_idx on webhook_deliveries (event_id);
    create index webhook_attempts_delivery_idx on webhook_attempts (partner_id, delivery_id);
    create function laras_prune_events(p_before timestamptz, p_limit integer) returns integer
    language plpgsql security definer set search_path = public, pg_temp as $$
    declare
      pruned integer;
    begin
      delete from events
       where id in (
         select e.id
           from events e
          where e.fanned_out_at < p_before
            and not exists (
              select 1 from webhook_deliveries d where d.event_id = e.id and d.status = 'pending'
            )
          order by e.fanned_out_at
          limit p_limit
       );
      get diagnostics pruned = row_count;
      return pruned;
    end
    $$;
    revoke all on function ${PRUNE} from public;
    grant execute on function ${PRUNE} to ${APP_ROLE};
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop function if exists ${PRUNE};
    drop index if exists webhook_attempts_delivery_idx;
    drop index if exists webhook_deliveries_event_idx;
    drop index if exists events_handed_on_idx;
  `);
}
