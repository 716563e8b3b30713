/*
 * Why a burst: customers often split one question over several messages ("halo", "gayo ready?"); the
 * reply answers them together. Earlier turns are already answered, so only the trailing inbound
 * messages after the business's last reply count.
 */
import type { DraftMessage } from './types.ts';

const BURST_MS = 10 * 60 * 1000;
const BURST_MAX = 5;

/** The customer's latest burst: trailing inbound texts after the last reply, within ten minutes. */
export function customerTurn(messages: readonly DraftMessage[]): string {
  const burst: DraftMessage[] = [];
  let newest: number | null = null;
  for (let i = messages.length - 1; i >= 0 && burst.length < BURST_MAX; i -= 1) {
    const message = messages[i];
    if (!message || message.direction === 'outbound') break;
    newest ??= message.sentAt.getTime();
    if (newest - message.sentAt.getTime() > BURST_MS) break;
    if (message.text?.trim()) burst.unshift(message);
  }
  return burst.map((message) => message.text?.trim()).join('\n');
}
