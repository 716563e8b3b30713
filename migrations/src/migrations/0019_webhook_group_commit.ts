/**
 * Group commit of webhook deliveries: the API gathers the deliveries that arrive within a couple
 * of milliseconds and stores them with one call, one multi-row insert and one commit, instead of
 * one transaction per POST (a commit — a WAL flush — per delivery is what limits ingest). Same
 * contract per delivery as `laras_store_webhook_event`: the sha256 is computed here, the same
 * source and bytes are stored once (also twice within one batch: the first copy wins), and each
 * input gets back its stored id and whether it was a duplicate, by its 1-based position. Rows are
 * inserted in (source, sha256) order so two batches holding the same retries cannot deadlock.
 */
import type { Knex } from 'knex';
import { APP_ROLE } from '../roles.ts';

const STORE_MANY = 'laras_store_webhook_events(text[], text[], text[])';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function laras_store_webhook_events(p_ids text[], p_sources text[], p_raw_bodies text[])
    returns table (ordinal integer, event_id text, duplicate boolean)
    language plpgsql volatile security definer set search_path = public, pg_temp as $$
    begin
      if cardinality(p_ids) <> cardinality(p_sources) or cardinality(p_ids) <> cardinality(p_raw_bodies) then
        raise exception 'laras_store_webhook_events: ids, sources and bodies differ in length';
      end if;
      insert into webhook_events (id, source, body_sha256, raw_body)
      select i.id, i.source, encode(sha256(convert_to(i.raw_body, 'UTF8')), 'hex'), i.raw_body
      from unnest(p_ids, p_sources, p_raw_bodies) with ordinality as i(id, source, raw_body, ord)
      order by 2, 3, i.ord
      on conflict (source, body_sha256) do nothing;
      -- A statement of its own: it sees the rows just inserted and any a concurrent call committed.
      return query
        select i.ord::integer, w.id::text, w.id <> i.id
        from unnest(p_ids, p_sources, p_raw_bodies) with ordinality as i(id, source, raw_body, ord)
        join webhook_events w
          on w.source = i.source and w.body_sha256 = encode(sha256(convert_to(i.raw_body, 'UTF8')), 'hex')
        order by i.ord;
    end
    $$;
    revoke all on function ${STORE_MANY} from public;
    grant execute on function ${STORE_MANY} to ${APP_ROLE};
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop function if exists ${STORE_MANY}`);
}
