/**
 * A partner proves it controls a portal hostname before adding it: a DNS TXT record at
 * `_laras-verify.<hostname>` carrying `laras-site-verification=<token>`. The token is the partner's
 * own, random (122 bits from gen_random_uuid) and stable, so a record once published keeps working;
 * existing partners get one each as the column is added (a volatile default is evaluated per row).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table partners
      add column hostname_verification_token text collate "C" not null
        default replace(gen_random_uuid()::text, '-', '')
        check (hostname_verification_token ~ '^[0-9a-f]{32}$');
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table partners drop column if exists hostname_verification_token');
}
