import { z } from 'zod';

export type Channel = 'whatsapp' | 'instagram';
export type ConnectionStatus = 'active' | 'needs_reconnect' | 'disconnected';
/** Why a connection was disconnected, as the partner's `connection.disconnected` event says. */
export type DisconnectReason =
  | 'requested'
  | 'meta_deauthorized'
  | 'meta_data_deletion'
  | 'meta_app_uninstalled';

/** A WhatsApp number or Instagram account connected to a workspace. Never carries the token. */
export type Connection = {
  id: string;
  workspaceId: string;
  channel: Channel;
  status: ConnectionStatus;
  whatsapp: {
    wabaId: string | null;
    phoneNumberId: string | null;
    displayPhoneNumber: string | null;
    verifiedName: string | null;
  } | null;
  instagram: { accountId: string | null; username: string | null; accountType: string | null } | null;
  tokenExpiresAt: Date | null;
  connectedAt: Date;
  disconnectedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

/** What a finished connect flow hands over to be stored. */
export type NewConnection =
  | {
      channel: 'whatsapp';
      wabaId: string;
      phoneNumberId: string;
      displayPhoneNumber: string;
      verifiedName: string;
      token: string;
      tokenExpiresAt: Date | null;
    }
  | {
      channel: 'instagram';
      /** The Instagram professional account id (`/me`'s `user_id`): what webhooks route by. */
      accountId: string;
      /**
       * The app-scoped id (`/me`'s `id`), kept only as its sha256 so Meta's deauthorize and
       * data-deletion callbacks can name the account by it. Unknown: the callbacks match the
       * account id only (a reconnect keeps the one stored before).
       */
      appScopedId?: string | null;
      username: string;
      accountType: string;
      token: string;
      tokenExpiresAt: Date | null;
    };

export const ListConnectionsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(200).optional(),
  status: z.enum(['active', 'needs_reconnect', 'disconnected']).optional(),
});
export type ListConnectionsQuery = z.infer<typeof ListConnectionsQuerySchema>;

/** Associated data that binds a sealed token to its connection row. */
export const tokenOwner = (connectionId: string) => `connection:${connectionId}`;
