/**
 * `laras_evidence_head` takes a workspace's evidence lock and then reads the head of its chain,
 * in one round trip instead of two. Appending evidence did both from the workers and the API as
 * two statements, for every record batch (four per drafted and sent reply).
 *
 * The head must be read after the lock is granted, with a snapshot taken then: a read in the same
 * statement as the lock would use the statement's earlier snapshot and miss a record committed by
 * the transaction it waited for. In a volatile PL/pgSQL function each statement takes a fresh
 * snapshot, so the `select` after the `perform` sees it. The function runs as its caller
 * (security invoker), under the caller's row-level security; the lock key is the one the
 * two-statement append used (`evidence:<workspace id>`), so both serialise against each other.
 */
import type { Knex } from 'knex';
import { APP_ROLE } from '../roles.ts';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function laras_evidence_head(p_partner_id text, p_workspace_id text)
    returns table (seq bigint, hash text)
    language plpgsql volatile security invoker set search_path = public, pg_temp as $$
    begin
      perform pg_advisory_xact_lock(hashtextextended('evidence:' || p_workspace_id, 0));
      return query
        select e.seq, e.hash from evidence_records e
        where e.partner_id = p_partner_id and e.workspace_id = p_workspace_id
        order by e.seq desc
        limit 1;
    end
    $$;
    revoke all on function laras_evidence_head(text, text) from public;
    grant execute on function laras_evidence_head(text, text) to ${APP_ROLE};
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop function if exists laras_evidence_head(text, text)');
}
