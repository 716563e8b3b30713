/**
 * `laras_store_webhook_events` looked up every input's stored row again after inserting the batch
 * (a join of the batch with `webhook_events` on source and sha256): under ingest load that lookup
 * cost PostgreSQL twice as much as the insert itself. The insert now answers the ids it stored
 * (`returning`), and only the inputs it did not store — repeated deliveries, rare — are looked up.
 * Same contract as before: one row per input, by its 1-based position, with the stored id and
 * whether it was a duplicate (an id of null if that row is gone again, which the caller refuses);
 * rows inserted in (source, sha256) order.
 */
import type { Knex } from 'knex';

const BODY_2021 = `
    declare
      v_stored text[];
    begin
      if cardinality(p_ids) <> cardinality(p_sources) or cardinality(p_ids) <> cardinality(p_raw_bodies) then
        raise exception 'laras_store_webhook_events: ids, sources and bodies differ in length';
      end if;
      with inserted as (
        insert into webhook_events (id, source, body_sha256, raw_body)
        select i.id, i.source, encode(sha256(convert_to(i.raw_body, 'UTF8')), 'hex'), i.raw_body
        from unnest(p_ids, p_sources, p_raw_bodies) with ordinality as i(id, source, raw_body, ord)
        order by 2, 3, i.ord
        on conflict (source, body_sha256) do nothing
        returning id
      )
      select coalesce(array_agg(id), '{}') into v_stored from inserted;
      -- A statement of its own: the lookup sees the rows just inserted and any a concurrent call
      -- committed. It runs only for the inputs that were not stored (a gating condition).
      return query
        select i.ord::integer, (case when i.id = any(v_stored) then i.id else d.id end)::text,
               not (i.id = any(v_stored))
        from unnest(p_ids, p_sources, p_raw_bodies) with ordinality as i(id, source, raw_body, ord)
        left join lateral (
          -- limit 1 keeps this a subquery of its own, so its first condition gates the index probe.
          select w.id from webhook_events w
          where not (i.id = any(v_stored))
            and w.source = i.source
            and w.body_sha256 = encode(sha256(convert_to(i.raw_body, 'UTF8')), 'hex')
          limit 1
        ) d on true
        order by i.ord;
    end
`;

const BODY_2019 = `
    begin
      if cardinality(p_ids) <> cardinality(p_sources) or cardinality(p_ids) <> cardinality(p_raw_bodies) then
        raise exception 'laras_store_webhook_events: ids, sources and bodies differ in length';
      end if;
      insert into webhook_events (id, source, body_sha256, raw_body)
      select i.id, i.source, encode(sha256(convert_to(i.raw_body, 'UTF8')), 'hex'), i.raw_body
      from unnest(p_ids, p_sources, p_raw_bodies) with ordinality as i(id, source, raw_body, ord)
      order by 2, 3, i.ord
      on conflict (source, body_sha256) do nothing;
      return query
        select i.ord::integer, w.id::text, w.id <> i.id
        from unnest(p_ids, p_sources, p_raw_bodies) with ordinality as i(id, source, raw_body, ord)
        join webhook_events w
          on w.source = i.source and w.body_sha256 = encode(sha256(convert_to(i.raw_body, 'UTF8')), 'hex')
        order by i.ord;
    end
`;

/** Replaces the body only: the signature, owner and grants stay. */
function replaceWith(body: string): string {
  return `
    create or replace function laras_store_webhook_events(p_ids text[], p_sources text[], p_raw_bodies text[])
    returns table (ordinal integer, event_id text, duplicate boolean)
    language plpgsql volatile security definer set search_path = public, pg_temp as $$${body}$$;
  `;
}

export async function up(knex: Knex): Promise<void> {
  await knex.raw(replaceWith(BODY_2021));
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(replaceWith(BODY_2019));
}
