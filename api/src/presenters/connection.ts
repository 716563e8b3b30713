import type { CreatedConnectSession } from '@laras/core/connect-sessions';
import type { Connection } from '@laras/core/connections';
import type { components } from '@laras/openapi';

export function presentConnection(connection: Connection): components['schemas']['Connection'] {
  return {
    id: connection.id,
    workspace_id: connection.workspaceId,
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
    token_expires_at: connection.tokenExpiresAt?.toISOString() ?? null,
    connected_at: connection.connectedAt.toISOString(),
    disconnected_at: connection.disconnectedAt?.toISOString() ?? null,
    created_at: connection.createdAt.toISOString(),
    updated_at: connection.updatedAt.toISOString(),
  };
}

export function presentConnectSession(
  session: CreatedConnectSession,
): components['schemas']['ConnectSession'] {
  return {
    id: session.id,
    workspace_id: session.workspaceId,
    channel: session.channel,
    url: session.url,
    expires_at: session.expiresAt.toISOString(),
    created_at: session.createdAt.toISOString(),
  };
}
