/**
 * `laras_webhook_deliveries_due` takes partners in turn: each partner's oldest due delivery, then
 * each one's second oldest, and so on, up to the batch size. Oldest first across all partners let
 * one partner whose endpoint had been failing (a backlog larger than a batch, all due before
 * anyone else's) fill every batch, so no other partner's delivery was queued until that backlog
 * drained, four slow attempts at a time. Same signature and grants; a partner's own deliveries
 * stay oldest first.
 */
import type { Knex } from 'knex';

const SELECT_DUE = (fair: boolean) => `
      select delivery_id, partner_id, next_attempt_at from (
        select d.id::text as delivery_id, d.partner_id::text as partner_id, d.next_attempt_at,
               ${fair ? 'row_number() over (partition by d.partner_id order by d.next_attempt_at, d.id)' : '1'} as turn
          from webhook_deliveries d
          join webhook_endpoints w on w.id = d.endpoint_id
         where d.status = 'pending' and d.next_attempt_at <= p_now and not w.disabled
      ) due
      order by turn, next_attempt_at
      limit p_limit`;

function define(fair: boolean) {
  return `
    create or replace function laras_webhook_deliveries_due(p_now timestamptz, p_limit integer)
    returns table (delivery_id text, partner_id text, next_attempt_at timestamptz)
    language sql stable security definer set search_path = public, pg_temp as $$${SELECT_DUE(fair)}
    $$;`;
}

export async function up(knex: Knex): Promise<void> {
  await knex.raw(define(true));
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(define(false));
}
