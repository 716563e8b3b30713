import type { z } from 'zod';
import type { InboundChannel, InboundUnparseable } from './types.ts';

/** An `unparseable` item; `raw` is the smallest piece of the body that failed, kept for inspection. */
export function unparseable(
  channel: InboundChannel,
  routingId: string | null,
  reason: string,
  raw: unknown,
): InboundUnparseable {
  return { kind: 'unparseable', channel, routingId, reason, raw };
}

/** A one-line reason from a zod error: what failed, then where. */
export function describeIssues(what: string, error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return what;
  const path = issue.path.map(String).join('.');
  return `${what}: ${path ? `${path}: ` : ''}${issue.message}`;
}
