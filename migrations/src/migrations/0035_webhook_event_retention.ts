/**
 * Meta's raw deliveries hold what customers wrote (text, names, phone numbers) and were kept for
 * ever, with every item that could not be routed (`inbound_rejects.raw`, which cascades). Once a
 * delivery is processed its messages live in their workspace, where a data deletion can erase
 * them; the raw copy is only needed while Meta may still send it again (WhatsApp retries for up to
 * 7 days). The workers now remove processed deliveries past their retention, in bounded batches,
 * through this definer function (the app role has no privilege on the tables). A delivery that
 * used up its attempts without being processed goes too; one still pending stays. Ids are ULIDs,
 * so "received before" is "id below" and the primary key finds them with no new index.
 */
import type { Knex } from 'knex';
import { APP_ROLE } from '../roles.ts';

const PRUNE = 'laras_prune_webhook_events(text, integer, integer)';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function laras_prune_webhook_events(p_before_id text, p_max_attempts integer, p_limit integer)
    returns integer
    language plpgsql security definer set search_path = public, pg_temp as $$
    declare
      pruned integer;
    begin
      delete from webhook_events
       where id in (
         select w.id
           from webhook_events w
          where w.id < p_before_id collate "C"
            and (w.status <> 'pending' or w.attempts >= p_max_attempts)
          order by w.id
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
  await knex.raw(`drop function if exists ${PRUNE}`);
}
