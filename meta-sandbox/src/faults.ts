/**
 * Fault injection: "the next N calls of operation X fail the way Meta fails" — or answer late
 * (`slow`), or not until the test lets them (`hold`). A fault may name a `target` (a phone number
 * id, an Instagram account id, or any id in the call's path) so that only one account's calls
 * are hit. Each handler takes the pending fault of its operation before doing anything else.
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
 * - `slow`: waits `delayMs`, then answers normally
 * - `hold`: waits until the test calls `release()` (or `clear()`), then answers normally; the
 *   caller may give up meanwhile, and the call still takes effect, as when Meta's answer is lost
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
  'slow',
  'hold',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Kinds that accept the call and fail later (a `failed` status webhook): only for WhatsApp sends. */
export const DEFERRED_FAULT_KINDS: readonly FaultKind[] = [
  'fail_later_undeliverable',
  'fail_later_window_closed',
];

/** Kinds that answer normally, only later. */
export const DELAY_FAULT_KINDS: readonly FaultKind[] = ['slow', 'hold'];

/** Browser dialogs: their routes answer a fault with an error page themselves, and take no target. */
const DIALOG_OPERATIONS: readonly Operation[] = ['es.dialog', 'es.finish', 'ig.oauth.authorize'];

export type FaultSpec = {
  operation: Operation;
  kind: FaultKind;
  /** How many calls it hits (default 1). */
  times?: number;
  /** Only calls for this id: a phone number id, an Instagram account id, or an id in the path. */
  target?: string;
  /** `slow` only: how long each call waits before it is answered. */
  delayMs?: number;
};

/** Why this fault cannot be injected, or undefined. */
export function faultProblem(fault: Omit<FaultSpec, 'times'>): string | undefined {
  const { operation, kind } = fault;
  if (DEFERRED_FAULT_KINDS.includes(kind) && operation !== 'graph.messages')
    return `${kind} only applies to graph.messages`;
  if (DIALOG_OPERATIONS.includes(operation)) {
    if (DELAY_FAULT_KINDS.includes(kind)) return `${kind} does not apply to the dialog ${operation}`;
    if (fault.target !== undefined) return `the dialog ${operation} takes no target`;
  }
  if (fault.target !== undefined && (typeof fault.target !== 'string' || fault.target === ''))
    return 'target must be a non-empty string';
  if (kind === 'slow') {
    if (!Number.isInteger(fault.delayMs) || Number(fault.delayMs) < 1)
      return 'slow needs delayMs, a positive integer';
  } else if (fault.delayMs !== undefined) return 'delayMs only applies to slow';
  return undefined;
}

export type Fault = {
  operation: Operation;
  kind: FaultKind;
  remaining: number;
  target?: string;
  delayMs?: number;
};

/** What the current call must do: fail (or fail later) with `kind`, or wait `delayMs` (`slow`). */
export type TakenFault = { kind: FaultKind; delayMs?: number };

/** A call held by a `hold` fault, with the ids it was made for. */
export type HeldCall = { operation: Operation; targets: string[] };

export function isOperation(value: unknown): value is Operation {
  return typeof value === 'string' && (OPERATIONS as readonly string[]).includes(value);
}

export function isFaultKind(value: unknown): value is FaultKind {
  return typeof value === 'string' && (FAULT_KINDS as readonly string[]).includes(value);
}

export class Faults {
  #pending: Fault[] = [];
  #held: Array<HeldCall & { release: () => void }> = [];
  #heldWaiters: Array<{ count: number; resolve: () => void }> = [];

  /** Makes the next `times` (default 1) calls of `operation` (for `target`, if given) fail with `kind`. */
  inject(fault: FaultSpec): void {
    const problem = faultProblem(fault);
    if (problem) throw new RangeError(problem);
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new RangeError('times must be a positive integer');
    this.#pending.push({
      operation: fault.operation,
      kind: fault.kind,
      remaining: times,
      ...(fault.target === undefined ? {} : { target: fault.target }),
      ...(fault.delayMs === undefined ? {} : { delayMs: fault.delayMs }),
    });
  }

  /** Whether a pending fault of `operation` names a target (so the call's targets must be worked out). */
  targeted(operation: Operation): boolean {
    return this.#pending.some((f) => f.operation === operation && f.target !== undefined);
  }

  /**
   * The fault the current call of `operation` must answer with, if one is pending for it (and
   * uses it up). `targets`: the ids the call is for; a fault with a target hits only those calls.
   */
  take(operation: Operation, targets: readonly string[] = []): TakenFault | undefined {
    const fault = this.#pending.find(
      (f) => f.operation === operation && (f.target === undefined || targets.includes(f.target)),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.#pending.splice(this.#pending.indexOf(fault), 1);
    return fault.delayMs === undefined ? { kind: fault.kind } : { kind: fault.kind, delayMs: fault.delayMs };
  }

  /** Holds the current call until `release()` or `clear()`. */
  hold(operation: Operation, targets: readonly string[] = []): Promise<void> {
    return new Promise((resolve) => {
      this.#held.push({ operation, targets: [...targets], release: resolve });
      for (const waiter of this.#heldWaiters.filter((w) => this.#held.length >= w.count)) {
        this.#heldWaiters.splice(this.#heldWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
  }

  /** The calls being held now, oldest first. */
  held(): HeldCall[] {
    return this.#held.map(({ operation, targets }) => ({ operation, targets: [...targets] }));
  }

  /** Resolves once at least `count` (default 1) calls are held at the same time. */
  whenHeld(count = 1): Promise<void> {
    if (this.#held.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.#heldWaiters.push({ count, resolve }));
  }

  /** Lets the held calls go on (the oldest `count`, default all); answers how many were released. */
  release(count = this.#held.length): number {
    const released = this.#held.splice(0, count);
    for (const call of released) call.release();
    return released.length;
  }

  list(): Fault[] {
    return this.#pending.map((f) => ({ ...f }));
  }

  /** Forgets pending faults and releases held calls, so nothing is left hanging. */
  clear(): void {
    this.#pending = [];
    this.release();
  }
}
