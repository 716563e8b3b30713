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
] as const;
export type Operation = (typeof OPERATIONS)[number];

/**
 * - `expired_code`: OAuthException 100/36007 "This authorization code has expired." (api.instagram.com: its flat shape)
 * - `server_error`: HTTP 500, code 2, `is_transient: true` (the Embedded Signup popup reports an ERROR event)
 * - `invalid_token`: code 190 "Invalid OAuth access token"
 */
export const FAULT_KINDS = ['expired_code', 'server_error', 'invalid_token'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

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
