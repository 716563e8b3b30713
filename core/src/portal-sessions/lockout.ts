/**
 * Sign-in lockout, counted in Redis so every API process shares it. Failures are counted per
 * (partner, email) — whether or not the email exists — and per client IP, each within a sliding
 * window. Reaching the limit locks that subject for a base time that doubles with every further
 * failure, up to a cap. A successful sign-in clears the email's count (not the IP's).
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { PortalConfig } from '../config/index.ts';

export type LockoutDeps = { redis: Redis; prefix: string; limits: PortalConfig['login'] };
export type SignInSubject = { partnerId: string | undefined; email: string; ip: string };

type Counter = { fail: string; lock: string; max: number };

/** The Redis keys counting and locking a subject (exported for tests and operators). */
export function counters(deps: LockoutDeps, subject: SignInSubject): { email: Counter; ip: Counter } {
  const emailId = createHash('sha256')
    .update(`${subject.partnerId ?? '-'}\n${subject.email}`)
    .digest('base64url');
  const base = `${deps.prefix}login:`;
  return {
    email: {
      fail: `${base}fail:email:${emailId}`,
      lock: `${base}lock:email:${emailId}`,
      max: deps.limits.maxFailures,
    },
    ip: {
      fail: `${base}fail:ip:${subject.ip}`,
      lock: `${base}lock:ip:${subject.ip}`,
      max: deps.limits.maxFailuresPerIp,
    },
  };
}

/** Seconds until this subject may try again, or 0 when it is not locked. */
export async function lockedForSeconds(deps: LockoutDeps, subject: SignInSubject): Promise<number> {
  const { email, ip } = counters(deps, subject);
  const [emailMs, ipMs] = await Promise.all([deps.redis.pttl(email.lock), deps.redis.pttl(ip.lock)]);
  const ms = Math.max(emailMs, ipMs, 0);
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

async function fail(deps: LockoutDeps, counter: Counter): Promise<void> {
  const result = await deps.redis
    .multi()
    .incr(counter.fail)
    .expire(counter.fail, deps.limits.windowSeconds)
    .exec();
  const count = Number(result?.[0]?.[1] ?? 0);
  if (count < counter.max) return;
  const { lockoutBaseSeconds: base, lockoutMaxSeconds: cap } = deps.limits;
  const seconds = Math.min(base * 2 ** Math.min(count - counter.max, 30), cap);
  await deps.redis.set(counter.lock, '1', 'EX', seconds);
}

/** Counts one failed sign-in for the email and the IP, locking either that reached its limit. */
export async function recordSignInFailure(deps: LockoutDeps, subject: SignInSubject): Promise<void> {
  const { email, ip } = counters(deps, subject);
  await Promise.all([fail(deps, email), fail(deps, ip)]);
}

/** Forgets the email's failures after a successful sign-in. */
export async function clearSignInFailures(deps: LockoutDeps, subject: SignInSubject): Promise<void> {
  const { email } = counters(deps, subject);
  await deps.redis.del(email.fail, email.lock);
}
