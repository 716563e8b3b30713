import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorText } from '../../api/error-text.ts';
import type { Channel, Connection } from '../../api/queries.ts';
import { useDisconnect, useStartConnect } from '../../api/queries.ts';
import { useFocusOn } from '../../layout/use-focus-on.ts';

export type ChannelTileProps = {
  workspaceId: string;
  channel: Channel;
  title: string;
  description: string;
  connectLabel: string;
  connection: Connection | undefined;
  /** How the connected account is named on the tile: a phone number, an @username. */
  describe: (connection: Connection) => string;
  canManage: boolean;
};

/**
 * One integration: its state, Connect (which opens a single-use connect link and comes back here)
 * or Disconnect after an explicit confirmation.
 */
export function ChannelTile(props: ChannelTileProps) {
  const start = useStartConnect(props.workspaceId);
  const disconnect = useDisconnect(props.workspaceId);
  const [confirming, setConfirming] = useState(false);
  const keepRef = useFocusOn<HTMLButtonElement>(confirming);
  const [, setParams] = useSearchParams();
  const { connection } = props;
  const needsReconnect = connection?.status === 'needs_reconnect';

  function connect() {
    const back = new URL('/settings/integrations', window.location.origin);
    back.searchParams.set('channel', props.channel);
    start.mutate(
      { channel: props.channel, returnUrl: back.toString() },
      { onSuccess: (session) => window.location.assign(session.url) },
    );
  }

  return (
    <section
      className="card tile"
      aria-labelledby={`tile-${props.channel}`}
      data-testid={`tile-${props.channel}`}
    >
      <h2 id={`tile-${props.channel}`}>{props.title}</h2>
      {connection ? (
        <>
          <p
            className={needsReconnect ? 'needs-reconnect' : 'connected'}
            data-testid={`${props.channel}-account`}
          >
            {needsReconnect ? 'Needs reconnecting: ' : 'Connected: '}
            <strong>{props.describe(connection)}</strong>
          </p>
          {needsReconnect ? (
            <p className="hint">Meta no longer accepts this connection. Connect it again to keep replying.</p>
          ) : null}
        </>
      ) : (
        <p>{props.description}</p>
      )}

      {!props.canManage ? (
        <p className="hint">Only the workspace owner can connect or disconnect accounts.</p>
      ) : confirming && connection ? (
        <fieldset className="confirm">
          <legend className="visually-hidden">Confirm disconnect</legend>
          <p>
            Disconnect <strong>{props.describe(connection)}</strong>? Replies stop, and our access to this
            account is removed at once. Past conversations stay in the Inbox, where you can also erase a
            customer&rsquo;s data.
          </p>
          <button
            type="button"
            className="danger"
            disabled={disconnect.isPending}
            onClick={() =>
              disconnect.mutate(connection.id, {
                onSuccess: () => {
                  setConfirming(false);
                  // The banner says so (and no longer says the account is connected).
                  setParams({ status: 'disconnected', channel: props.channel }, { replace: true });
                },
              })
            }
          >
            {disconnect.isPending ? 'Disconnecting…' : 'Yes, disconnect'}
          </button>
          {/* The safe answer takes the focus: the question is read out, and Enter keeps things as they are. */}
          <button type="button" className="secondary" ref={keepRef} onClick={() => setConfirming(false)}>
            Keep connected
          </button>
        </fieldset>
      ) : (
        <div className="actions">
          {!connection || needsReconnect ? (
            <button type="button" disabled={start.isPending} onClick={connect}>
              {start.isPending ? 'Opening…' : props.connectLabel}
            </button>
          ) : null}
          {connection ? (
            <button type="button" className="secondary" onClick={() => setConfirming(true)}>
              Disconnect
            </button>
          ) : null}
        </div>
      )}
      {start.isError || disconnect.isError ? (
        <p role="alert" className="error">
          {errorText(start.error ?? disconnect.error)}
        </p>
      ) : null}
    </section>
  );
}
