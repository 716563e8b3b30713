/**
 * A business context's revision: a fresh number from one sequence on every write of the context.
 * The drafter caches what it derives from a context (its search index) per workspace and revision,
 * so the number must change on every write: also for two writes within one millisecond, which
 * `updated_at` cannot tell apart, and for a row deleted and written again, which a per-row counter
 * would number from 1 again. A sequence gives both; its gaps mean nothing.
 */
import type { Knex } from 'knex';
import { APP_ROLE } from '../roles.ts';

const SEQUENCE = 'business_contexts_revision_seq';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create sequence ${SEQUENCE};
    alter table business_contexts add column revision bigint not null default nextval('${SEQUENCE}');
    alter sequence ${SEQUENCE} owned by business_contexts.revision;
    grant usage on sequence ${SEQUENCE} to ${APP_ROLE};
  `);
}

export async function down(knex: Knex): Promise<void> {
  // The sequence is owned by the column and goes with it.
  await knex.raw('alter table business_contexts drop column if exists revision');
}
