/** Pure summaries for the console's workspace list. */

type ConnectionLike = { status: string };
type ConversationLike = { last_message_at: string | null };

/**
 * "2 connected" / "1 of 2 connected" / "Not connected"; with `hasMore` (the page was full) the
 * counts are of that page only, so they are marked "+" rather than claimed as totals.
 */
export function connectionsLabel(connections: readonly ConnectionLike[], hasMore = false): string {
  if (connections.length === 0) return 'Not connected';
  const plus = hasMore ? '+' : '';
  const active = connections.filter((c) => c.status === 'active').length;
  return active === connections.length
    ? `${active}${plus} connected`
    : `${active}${plus} of ${connections.length}${plus} connected`;
}

/** "3 pending drafts", "1 pending draft", "20+ pending drafts" when the page had more. */
export function pendingLabel(count: number, hasMore: boolean): string {
  if (count === 0) return 'No pending drafts';
  const shown = hasMore ? `${count}+` : String(count);
  return `${shown} pending draft${count === 1 && !hasMore ? '' : 's'}`;
}

/** The newest message time of the conversations, or null when there is none. */
export function lastActivity(conversations: readonly ConversationLike[]): string | null {
  let newest: string | null = null;
  for (const c of conversations) {
    if (c.last_message_at && (newest === null || Date.parse(c.last_message_at) > Date.parse(newest))) {
      newest = c.last_message_at;
    }
  }
  return newest;
}
