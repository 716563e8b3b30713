import { useSearchParams } from 'react-router';

const CHANNEL_NAMES: Record<string, string> = { whatsapp: 'WhatsApp', instagram: 'Instagram' };

/** Tells the person how the connect flow they just came back from ended, or that they disconnected. */
export function StatusBanner() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const channel = CHANNEL_NAMES[params.get('channel') ?? ''] ?? 'The account';
  if (!status) return null;

  const message =
    status === 'connected'
      ? { kind: 'success', text: `${channel} is connected.` }
      : status === 'disconnected'
        ? {
            kind: 'info',
            text: `${channel} was disconnected. Replies have stopped; past conversations stay in the Inbox.`,
          }
        : status === 'cancelled'
          ? { kind: 'info', text: `Connecting ${channel} was cancelled. Nothing was changed.` }
          : { kind: 'error', text: `Connecting ${channel} did not finish. Try again.` };

  return (
    <div className={`banner banner-${message.kind}`} role="status">
      <span>{message.text}</span>
      <button type="button" className="link" onClick={() => setParams({}, { replace: true })}>
        Dismiss
      </button>
    </div>
  );
}
