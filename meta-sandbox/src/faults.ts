/**
 * Fault injection: "the next N calls of operation X fail the way Meta fails". Each handler takes
 * the pending fault of its operation before doing anything else.
 */

/** Every operation the sandbox serves, by host. */
export const OPERATIONS = [
  'graph.oauth.access_token',
  'graph.debug_token',
  'graph.subscribed_apps',
  'graph.register',
  'graph.phone_number',
  'graph.waba',
  'ig.oauth.authorize',
  'ig.oauth.access_token',
  'ig.access_token',
  'ig.refresh',
  'ig.me',
  'ig.subscribed_apps',
  'es.dialog',
  'es.finish',
  'graph.messages',
  'ig.messages',
  'ig.comment_replies',
] as const;
export type Operation = (typeof OPERATIONS)[number];

/**
 * - `expired_code`: OAuthException 100/36007 "This authorization code has expired." (api.instagram.com: its flat shape)
 * - `server_error`: HTTP 500, code 2, `is_transient: true` (the Embedded Signup popup reports an ERROR event)
 * - `invalid_token`: code 190 "Invalid OAuth access token"
 * - `window_closed`: WhatsApp 131047 "Re-engagement message" (HTTP 400); Instagram 10/2534022
 *   "This message is sent outside of allowed window."
 * - `rate_limit`: 130429 "Rate limit hit" (HTTP 400; Cloud API throughput)
 * - `app_rate_limit`: code 4 / 2446079 "Application request limit reached" (HTTP 429, transient)
 * - `waba_rate_limit`: code 80007 "Rate limit issues" (HTTP 400, WABA-level)
 * - `fail_later_undeliverable` (`graph.messages` only): the send is accepted, then a `failed` status
 *   with 131026 "Message undeliverable" is emitted instead of sent/delivered/read
 * - `fail_later_window_closed` (`graph.messages` only): the same with 131047
 */
export const FAULT_KINDS = [
  'expired_code',
  'server_error',
  'invalid_token',
  'window_closed',
  'rate_limit',
  'app_rate_limit',
  'waba_rate_limit',
  'fail_later_undeliverable',
  'fail_later_window_closed',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Kinds that accept the call and fail later (a `failed` status webhook): only for WhatsApp sends. */
export const DEFERRED_FAULT_KINDS: readonly FaultKind[] = [
  'fail_later_undeliverable',
  'fail_later_window_closed',
];

/** Why this fault cannot be injected (a deferred kind on an operation without status webhooks), or undefined. */
export function faultProblem(operation: Operation, kind: FaultKind): string | undefined {
  if (DEFERRED_FAULT_KINDS.includes(kind) && operation !== 'graph.messages')
    return `${kind} only applies to graph.messages`;
  return undefined;
}

export type Fault = { operation: Operation; kind: FaultKind; remaining: number };

export function isOperation(value: unknown): value is Operation {
  return typeof value === 'string' && (OPERATIONS as readonly string[]).includes(value);
}

export function isFaultKind(value: unknown): value is FaultKind {
  return typeof value === 'string' && (FAULT_KINDS as readonly string[]).includes(value);
}

export class Faults {
  #pending: Fault[] = [];

  /** Makes the next `times` (default 1) calls of `operation` fail with `kind`. */
  inject(fault: { operation: Operation; kind: FaultKind; times?: number }): void {
    const problem = faultProblem(fault.operation, fault.kind);
    if (problem) throw new RangeError(problem);
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new RangeError('times must be a positive integer');
    this.#pending.push({ operation: fault.operation, kind: fault.kind, remaining: times });
  }

  /** The fault the current call of `operation` must answer with, if one is pending (and uses it up). */
  take(operation: Operation): FaultKind | undefined {
    const fault = this.#pending.find((f) => f.operation === operation);
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.#pending.splice(this.#pending.indexOf(fault), 1);
    return fault.kind;
  }

  list(): Fault[] {
    return this.#pending.map((f) => ({ ...f }));
  }

  clear(): void {
    this.#pending = [];
  }
}
