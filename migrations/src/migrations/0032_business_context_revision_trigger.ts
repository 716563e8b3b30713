/**
 * 0027's revision is what caches of a context are keyed by, and only the API's write took a new
 * one. Any other change of a stored document (a data fix, a later migration) would leave running
 * processes answering from what they derived of the old document. Every change of the document now
 * takes a new revision, whoever makes it.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function laras_business_context_revision() returns trigger
    language plpgsql set search_path = public, pg_temp as $$
    begin
      if new.document is distinct from old.document then
        new.revision := nextval('business_contexts_revision_seq');
      end if;
      return new;
    end $$;
    create trigger business_contexts_revision before update on business_contexts
      for each row execute function laras_business_context_revision();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop trigger if exists business_contexts_revision on business_contexts;
    drop function if exists laras_business_context_revision();
  `);
}
