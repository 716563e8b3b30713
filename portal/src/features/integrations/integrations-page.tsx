import { useConnections } from '../../api/queries.ts';
import { useCurrentSession } from '../auth/require-session.tsx';
import { ChannelTile } from './channel-tile.tsx';
import { StatusBanner } from './status-banner.tsx';

/** Settings -> Integrations: the WhatsApp Business and Instagram tiles of this workspace. */
export function IntegrationsPage() {
  const session = useCurrentSession();
  const workspaceId = session.workspace.id;
  const connections = useConnections(workspaceId);
  const canManage = session.user.role === 'owner';
  const find = (channel: 'whatsapp' | 'instagram') => connections.data?.find((c) => c.channel === channel);

  return (
    <>
      <h1>Integrations</h1>
      <p className="lead">Connect the accounts your customers message. You can disconnect at any time.</p>
      <StatusBanner />
      {connections.isPending ? (
        <p className="page-status">Loading your integrations…</p>
      ) : connections.isError ? (
        <div role="alert" className="error">
          Your integrations could not be loaded.{' '}
          <button type="button" className="link" onClick={() => connections.refetch()}>
            Try again
          </button>
        </div>
      ) : (
        <div className="tiles">
          <ChannelTile
            workspaceId={workspaceId}
            channel="whatsapp"
            title="WhatsApp Business"
            description="Answer customers on your WhatsApp Business number. Meta will ask you to pick your business and number."
            connectLabel="Connect WhatsApp via Meta"
            connection={find('whatsapp')}
            describe={(c) =>
              [c.whatsapp?.display_phone_number, c.whatsapp?.verified_name && `(${c.whatsapp.verified_name})`]
                .filter(Boolean)
                .join(' ') || 'WhatsApp number'
            }
            canManage={canManage}
          />
          <ChannelTile
            workspaceId={workspaceId}
            channel="instagram"
            title="Instagram"
            description="Answer direct messages and comments on your Instagram professional account."
            connectLabel="Connect"
            connection={find('instagram')}
            describe={(c) => (c.instagram?.username ? `@${c.instagram.username}` : 'Instagram account')}
            canManage={canManage}
          />
        </div>
      )}
    </>
  );
}
