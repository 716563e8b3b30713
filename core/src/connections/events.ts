import type { EventDataOf } from '../events/index.ts';
import type { Connection } from './types.ts';

/** What `connection.connected` tells the partner: which number or account, never the token. */
export function connectionEventData(connection: Connection): EventDataOf<'connection.connected'> {
  return {
    connection_id: connection.id,
    channel: connection.channel,
    status: connection.status,
    whatsapp: connection.whatsapp && {
      waba_id: connection.whatsapp.wabaId,
      phone_number_id: connection.whatsapp.phoneNumberId,
      display_phone_number: connection.whatsapp.displayPhoneNumber,
      verified_name: connection.whatsapp.verifiedName,
    },
    instagram: connection.instagram && {
      account_id: connection.instagram.accountId,
      username: connection.instagram.username,
      account_type: connection.instagram.accountType,
    },
  };
}
