/** Pure wording for a webhook endpoint's state and for the answers of resend/recover. */

type EndpointLike = {
  disabled: boolean;
  disabled_reason: string | null;
  failing_since: string | null;
  previous_secret_expires_at: string | null;
};

const DISABLED_REASONS: Record<string, string> = {
  manual: 'Disabled manually',
  failing_for_5_days: 'Disabled after failing for 5 days',
};

/** Why the endpoint is disabled, said plainly; an unknown reason is shown as it came. */
export function disabledText(reason: string | null): string {
  if (reason === null) return 'Disabled';
  return DISABLED_REASONS[reason] ?? `Disabled (${reason})`;
}

/**
 * The endpoint's status line: "Active" or why it is disabled, then "Failing since …" while
 * deliveries fail and "Previous secret valid until …" during a rotation's overlap.
 */
export function endpointStatus(
  endpoint: EndpointLike,
  now: Date,
  formatTime: (iso: string) => string = (iso) => new Date(iso).toLocaleString(),
): string {
  const parts = [endpoint.disabled ? disabledText(endpoint.disabled_reason) : 'Active'];
  if (endpoint.failing_since) parts.push(`Failing since ${formatTime(endpoint.failing_since)}`);
  const previous = endpoint.previous_secret_expires_at;
  if (previous && Date.parse(previous) > now.getTime()) {
    parts.push(`Previous secret valid until ${formatTime(previous)}`);
  }
  return parts.join(' · ');
}

/** The answer of "recover since": how many failed deliveries go out again. */
export function requeuedText(requeued: number): string {
  if (requeued === 0) return 'Nothing failed since then: no delivery queued.';
  return `${requeued} failed ${requeued === 1 ? 'delivery' : 'deliveries'} queued again.`;
}
