/**
 * An open-loop load generator: request i is started at `start + i / rate` whether or not earlier
 * ones were answered, so a slow server shows up as latency instead of silently lowering the rate
 * (no coordinated omission). Latency is measured from the scheduled start.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Delivery } from './traffic.ts';

export type SendResult = {
  delivery: Delivery;
  /** Wall-clock ms (comparable with PostgreSQL's now()). */
  scheduledAt: number;
  ackedAt: number;
  /** HTTP status, or 0 when no answer came (timeout, reset). */
  status: number;
};

const REQUEST_TIMEOUT_MS = 15_000;

function wallNow(): number {
  return performance.timeOrigin + performance.now();
}

/** One signed POST over the global fetch (undici, keep-alive connections). */
async function post(url: string, delivery: Delivery, scheduledAt: number): Promise<SendResult> {
  let status = 0;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': delivery.signature },
      body: delivery.body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    status = response.status;
  } catch {
    status = 0;
  }
  return { delivery, scheduledAt, ackedAt: wallNow(), status };
}

/** Sends every delivery at `rate` per second, open loop; resolves when all are answered. */
export async function sendOpenLoop(url: string, deliveries: Delivery[], rate: number): Promise<SendResult[]> {
  const interval = 1000 / rate;
  const start = wallNow();
  const pending: Promise<SendResult>[] = [];
  while (pending.length < deliveries.length) {
    const due = Math.min(deliveries.length, Math.floor((wallNow() - start) / interval) + 1);
    for (let i = pending.length; i < due; i += 1) {
      const delivery = deliveries[i];
      if (delivery) pending.push(post(url, delivery, start + i * interval));
    }
    const nextAt = start + pending.length * interval;
    await sleep(Math.max(0, nextAt - wallNow()));
  }
  return Promise.all(pending);
}
