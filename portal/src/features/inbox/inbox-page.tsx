import { Link, useParams } from 'react-router';
import { type Conversation, useConversations } from '../../api/queries.ts';
import { useCurrentSession } from '../auth/require-session.tsx';
import { customerLabel, surfaceLabel, windowLabel } from './labels.ts';
import { ThreadView } from './thread-view.tsx';
import { useNow } from './use-now.ts';

function ConversationRow({
  conversation,
  active,
  now,
}: {
  conversation: Conversation;
  active: boolean;
  now: Date;
}) {
  const replyWindow = windowLabel(conversation.window_closes_at, now);
  return (
    <li>
      <Link
        to={`/inbox/${conversation.id}`}
        className={`conversation-row${active ? ' active' : ''}`}
        aria-current={active ? 'page' : undefined}
        data-testid="conversation-row"
      >
        <span className="conversation-customer">{customerLabel(conversation.contact)}</span>
        <span className={`badge badge-${conversation.channel}`}>{surfaceLabel(conversation.surface)}</span>
        <span className="conversation-meta">
          <time dateTime={conversation.last_message_at}>
            {new Date(conversation.last_message_at).toLocaleString()}
          </time>
          {replyWindow ? <span className="window"> · {replyWindow}</span> : null}
        </span>
      </Link>
    </li>
  );
}

/** The inbox: every thread of the workspace, newest activity first, and the open thread beside it. */
export function InboxPage() {
  const session = useCurrentSession();
  const { conversationId } = useParams();
  const conversations = useConversations(session.workspace.id);
  const now = useNow();

  return (
    <>
      <h1>Inbox</h1>
      <div className="inbox">
        <section aria-label="Conversations" className="conversation-list card">
          {conversations.isPending ? (
            <p className="page-status">Loading conversations…</p>
          ) : conversations.isError ? (
            <p role="alert" className="error">
              Conversations could not be loaded. They will be retried in a moment.
            </p>
          ) : conversations.data.length === 0 ? (
            <p className="page-status">
              No messages yet. When customers write on a connected WhatsApp number or Instagram account, their
              conversations appear here.
            </p>
          ) : (
            <ul>
              {conversations.data.map((conversation) => (
                <ConversationRow
                  key={conversation.id}
                  conversation={conversation}
                  active={conversation.id === conversationId}
                  now={now}
                />
              ))}
            </ul>
          )}
        </section>
        <section aria-label="Conversation" className="thread card">
          {conversationId ? (
            <ThreadView
              workspaceId={session.workspace.id}
              conversationId={conversationId}
              now={now}
              canErase={session.user.role === 'owner'}
            />
          ) : (
            <p className="page-status">Choose a conversation to read it.</p>
          )}
        </section>
      </div>
    </>
  );
}
