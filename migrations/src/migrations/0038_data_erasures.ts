/**
 * Meta's data-deletion callback erased a channel's content inside the callback's request, in one
 * transaction per workspace: a business with very many messages could pass the 15-second statement
 * timeout (Meta retries, and times out again). The callback now disconnects at once, records the
 * request as `in_progress` and queues one erasure per workspace and channel here; the workers erase
 * in bounded steps and mark the request `completed` when its last erasure ends. An entry holds only
 * tenant ids and counts; it belongs to no tenant (it is the deletion request's), so as for the
 * unsubscribe queue the app role reaches it through these functions only. An entry is claimed for a
 * lease, so a worker that stops mid-erasure leaves it to the next.
 */
import type { Knex } from 'knex';
import { APP_ROLE } from '../roles.ts';

export const TABLES = ['data_erasures'];

const FUNCTIONS = [
  'laras_queue_data_erasure(text, text, text, text)',
  'laras_claim_data_erasures(integer, integer, text)',
  'laras_record_data_erasure(text, text, text, text, text, boolean, integer, integer)',
  'laras_finish_data_erasure(text, text, text)',
  'laras_release_data_erasure(text, text, text)',
];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table data_deletion_requests drop constraint data_deletion_requests_status_check;
    alter table data_deletion_requests
      add constraint data_deletion_requests_status_check check (status in ('in_progress', 'completed'));

    create table data_erasures (
      confirmation_code text collate "C" not null
        references data_deletion_requests (confirmation_code) on delete cascade,
      partner_id text collate "C" not null,
      workspace_id text collate "C" not null,
      channel text not null check (channel in ('whatsapp', 'instagram')),
      -- Where the next step starts: which kind of rows, after which id; and whether this pass over
      -- them changed anything (the erasure ends with a pass that changed nothing).
      phase text not null default 'contacts' check (phase in ('contacts', 'drafts', 'threads')),
      after_id text collate "C" not null default '',
      pass_changed boolean not null default false,
      messages_erased integer not null default 0,
      drafts_erased integer not null default 0,
      claimed_until timestamptz,
      created_at timestamptz not null default now(),
      primary key (confirmation_code, workspace_id, channel)
    );
    revoke all on data_erasures from public;

    create function laras_queue_data_erasure(
      p_code text, p_partner_id text, p_workspace_id text, p_channel text
    ) returns void
    language sql volatile security definer set search_path = public, pg_temp as $$
      insert into data_erasures (confirmation_code, partner_id, workspace_id, channel)
      values (p_code, p_partner_id, p_workspace_id, p_channel)
      on conflict do nothing
    $$;

    -- Claims up to p_limit erasures nobody holds (or whose holder's lease ran out), oldest first,
    -- for p_lease_seconds; those of request p_code only, when it is given.
    create function laras_claim_data_erasures(p_limit integer, p_lease_seconds integer, p_code text)
    returns table (confirmation_code text, partner_id text, workspace_id text, channel text,
                   phase text, after_id text, pass_changed boolean,
                   messages_erased integer, drafts_erased integer)
    language sql volatile security definer set search_path = public, pg_temp as $$
      update data_erasures e
         set claimed_until = now() + make_interval(secs => p_lease_seconds)
       where (e.confirmation_code, e.workspace_id, e.channel) in (
         select d.confirmation_code, d.workspace_id, d.channel from data_erasures d
          where (d.claimed_until is null or d.claimed_until <= now())
            and (p_code is null or d.confirmation_code = p_code)
          order by d.created_at, d.confirmation_code
          limit p_limit for update skip locked)
      returning e.confirmation_code::text, e.partner_id::text, e.workspace_id::text, e.channel,
                e.phase, e.after_id::text, e.pass_changed, e.messages_erased, e.drafts_erased
    $$;

    -- Records where the next step starts and adds this step's counts, in the step's transaction.
    create function laras_record_data_erasure(
      p_code text, p_workspace_id text, p_channel text, p_phase text, p_after_id text,
      p_pass_changed boolean, p_messages integer, p_drafts integer
    ) returns void
    language sql volatile security definer set search_path = public, pg_temp as $$
      update data_erasures
         set phase = p_phase, after_id = p_after_id, pass_changed = p_pass_changed,
             messages_erased = messages_erased + p_messages, drafts_erased = drafts_erased + p_drafts
       where confirmation_code = p_code and workspace_id = p_workspace_id and channel = p_channel
    $$;

    -- A run that stops before the erasure ends hands it on to the next at once.
    create function laras_release_data_erasure(p_code text, p_workspace_id text, p_channel text)
    returns void
    language sql volatile security definer set search_path = public, pg_temp as $$
      update data_erasures set claimed_until = null
       where confirmation_code = p_code and workspace_id = p_workspace_id and channel = p_channel
    $$;

    -- The erasure is done: its entry goes, and the request is completed when it was the last.
    -- Answers whether this call ended it (false: it was already ended).
    create function laras_finish_data_erasure(p_code text, p_workspace_id text, p_channel text)
    returns boolean
    language plpgsql volatile security definer set search_path = public, pg_temp as $$
    begin
      delete from data_erasures
       where confirmation_code = p_code and workspace_id = p_workspace_id and channel = p_channel;
      if not found then
        return false;
      end if;
      update data_deletion_requests set status = 'completed', completed_at = now()
       where confirmation_code = p_code and status = 'in_progress'
         and not exists (select 1 from data_erasures where confirmation_code = p_code);
      return true;
    end
    $$;
  `);
  for (const fn of FUNCTIONS) {
    await knex.raw(
      `revoke all on function ${fn} from public; grant execute on function ${fn} to ${APP_ROLE};`,
    );
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const fn of FUNCTIONS) await knex.raw(`drop function if exists ${fn}`);
  await knex.raw(`
    drop table if exists data_erasures;
    update data_deletion_requests set status = 'completed', completed_at = coalesce(completed_at, now())
     where status = 'in_progress';
    alter table data_deletion_requests drop constraint data_deletion_requests_status_check;
    alter table data_deletion_requests
      add constraint data_deletion_requests_status_check check (status in ('completed'));
  `);
}
