import { ApiError } from '../../api/api-error.ts';
import { useConversation, useMessages } from '../../api/queries.ts';
import { EraseCustomer } from './erase-customer.tsx';
import { customerLabel, deliveryLabel, messageBody, surfaceLabel, windowLabel } from './labels.ts';

/** One thread: who, where, how long replies stay open, and the messages oldest first. */
export function ThreadView(props: {
  workspaceId: string;
  conversationId: string;
  now: Date;
  /** An owner may erase the customer's data (their request). */
  canErase: boolean;
}) {
  const conversation = useConversation(props.workspaceId, props.conversationId);
  const messages = useMessages(props.workspaceId, props.conversationId);

  if (conversation.isError) {
    const missing = conversation.error instanceof ApiError && conversation.error.status === 404;
    return (
      <p role="alert" className="error">
        {missing
          ? 'This conversation does not exist in this workspace.'
          : 'This conversation could not be loaded.'}
      </p>
    );
  }
  if (conversation.isPending) return <p className="page-status">Loading…</p>;
  const replyWindow = windowLabel(conversation.data.window_closes_at, props.now);

  return (
    <>
      <header className="thread-header">
        <h2>{customerLabel(conversation.data.contact)}</h2>
        <span className={`badge badge-${conversation.data.channel}`}>
          {surfaceLabel(conversation.data.surface)}
        </span>
        {replyWindow ? (
          <span className="window" data-testid="reply-window">
            {replyWindow}
          </span>
        ) : null}
      </header>
      <EraseCustomer
        workspaceId={props.workspaceId}
        conversation={conversation.data}
        canErase={props.canErase}
      />
      {messages.isPending ? (
        <p className="page-status">Loading messages…</p>
      ) : messages.isError ? (
        <p role="alert" className="error">
          Messages could not be loaded. They will be retried in a moment.
        </p>
      ) : (
        <ol className="messages" aria-label="Messages">
          {messages.data.map((message) => {
            const delivery = deliveryLabel(message);
            return (
              <li key={message.id} className={`message message-${message.direction}`} data-testid="message">
                <p>{messageBody(message)}</p>
                <time dateTime={message.sent_at}>{new Date(message.sent_at).toLocaleString()}</time>
                {delivery ? (
                  <span className={`delivery delivery-${message.status}`} data-testid="delivery-status">
                    {' '}
                    · {delivery}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </>
  );
}
