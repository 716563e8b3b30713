/**
 * Meta's `account_update` webhook reports a business removing this app's access to its WhatsApp
 * Business Account (`PARTNER_APP_UNINSTALLED`, `PARTNER_REMOVED`) by the WABA's id, not by a phone
 * number. The inbound worker finds the live WhatsApp connections of that WABA, in whichever
 * workspace, through this function (it cannot read other tenants' connections itself), and
 * disconnects each.
 */
import type { Knex } from 'knex';
import { APP_ROLE } from '../roles.ts';

const FIND = 'laras_connections_for_waba(text)';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function laras_connections_for_waba(p_waba_id text)
    returns table (connection_id text, partner_id text, workspace_id text)
    language sql stable security definer set search_path = public, pg_temp as $$
      select id::text, partner_id::text, workspace_id::text from connections
       where channel = 'whatsapp' and waba_id = p_waba_id and status <> 'disconnected'
    $$;
    revoke all on function ${FIND} from public;
    grant execute on function ${FIND} to ${APP_ROLE};
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop function if exists ${FIND}`);
}
