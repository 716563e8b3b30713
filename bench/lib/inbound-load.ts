/**
 * The ingest bench's load generator, run by `inbound.ts` as a child process of its own (`fork`),
 * so its CPU and event loop are not the server's. For each step the parent sends over IPC, it
 * builds the step's signed deliveries first (untimed), then POSTs them over keep-alive HTTP/1.1
 * (undici's `Pool`: a fifth to a quarter less CPU per request here than `node:http`) either open
 * loop — request i starts at `start + i/rate` whether or not earlier ones were answered, latency
 * counted from that scheduled start (no coordinated omission) — or closed loop — N connections
 * each sending the next delivery as soon as the previous one is answered (maximum throughput) —
 * over connections opened before the clock starts (`openConnections`). It answers latency percentiles,
 * status counts, its own CPU, and the sha256 of every acknowledged body (to count lost events).
 */
import { createHash } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { buildDeliveries, type Delivery, type Secrets, type Source } from './inbound-traffic.ts';
import { WINDOW_MS as SLOW_WINDOW_MS } from './machine-watch.ts';
import { type Distribution, distribution, percentile, round } from './stats.ts';

export type LoadStep =
  | {
      mode: 'open';
      baseUrl: string;
      rate: number;
      seconds: number;
      secrets: Secrets;
      wantAcked: boolean;
      /** Open every connection before the clock starts (see `openConnections`); false opens them as needed. */
      warmConnections: boolean;
    }
  | {
      mode: 'closed';
      baseUrl: string;
      connections: number;
      warmConnections: boolean;
      seconds: number;
      /** Deliveries built in advance; the step ends early if they run out. */
      maxDeliveries: number;
      secrets: Secrets;
      wantAcked: boolean;
    };

export type LoadResult = {
  sent: number;
  ok: number;
  /** Answers by HTTP status; `0` = no answer (timeout, reset, refused). */
  statuses: Record<string, number>;
  retries: number;
  /** 2xx answers per second, from the first (scheduled) send to the last answer. */
  achievedPerSecond: number;
  elapsedMs: number;
  latencyMs: Distribution & { p90: number };
  /** Connections the pool held when the clock started (0 when they were not opened in advance). */
  connectionsOpenedFirst: number;
  /** This process (the load generator), % of one core while sending. */
  clientCpuPercent: number;
  /**
   * How late this process's own event loop ran, in ms, while sending (p99 and max). A pause here
   * delays sends and answers alike and is counted as the server's latency, so a step whose
   * latency tail matches it measured the generator, not the server.
   */
  clientLoopDelayMs: { p99: number; max: number };
  /**
   * Open loop only: the 250 ms windows (by scheduled send time, as Unix ms) in which some POST took
   * over 100 ms, with the slowest of them — when the stalls happened, which `inbound.ts` lines up
   * with what the machine did in the same windows.
   */
  slowWindows: SlowWindow[];
  /** `source:sha256` of each distinct 2xx-acknowledged body (when asked). */
  acked: string[];
};

export type SlowWindow = { atMs: number; maxMs: number; over100ms: number };

const SLOW_MS = 100;

export type LoadRequest = { kind: 'run'; id: number; step: LoadStep };
export type LoadReply =
  | { kind: 'started'; id: number }
  | { kind: 'result'; id: number; result: LoadResult }
  | { kind: 'error'; id: number; message: string };

const REQUEST_TIMEOUT_MS = 15_000;
const OPEN_LOOP_MAX_SOCKETS = 512;

/** POSTs one delivery; answers its HTTP status, or 0 if there was none (timeout, reset, refused). */
async function post(pool: Pool, delivery: Delivery): Promise<number> {
  try {
    const { statusCode, body } = await pool.request({
      method: 'POST',
      path: delivery.path,
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': delivery.signature,
      },
      body: delivery.body,
    });
    await body.dump();
    return statusCode;
  } catch {
    return 0;
  }
}

/** Keep-alive HTTP/1.1 connections to the server under test, one request at a time on each. */
function connect(baseUrl: string, connections: number): Pool {
  return new Pool(new URL(baseUrl).origin, {
    connections,
    pipelining: 1,
    headersTimeout: REQUEST_TIMEOUT_MS,
    bodyTimeout: REQUEST_TIMEOUT_MS,
  });
}

/**
 * Opens `count` keep-alive connections before a step's clock starts, as a long-lived sender such as
 * Meta holds them, by keeping `count` cheap requests in flight at once (the webhook GET without
 * its handshake parameters: the real API answers 403, the bare server 404). Needed because a busy
 * Node server accepts about one new connection per turn of its event loop (`accept-burst.ts`): a
 * pool that grew by hundreds of connections in mid-step — as it does after any latency blip —
 * left them in the listening socket's accept queue for seconds, and every POST on them waited
 * too. Answers the connections held afterwards.
 */
async function openConnections(pool: Pool, count: number): Promise<number> {
  for (let round = 0; round < 5 && pool.stats.connected < count; round += 1) {
    await Promise.all(
      Array.from({ length: count }, () =>
        pool.request({ method: 'GET', path: '/api/webhooks/wa' }).then(
          ({ body }) => body.dump(),
          () => undefined,
        ),
      ),
    );
  }
  return pool.stats.connected;
}

type Outcome = {
  latencies: Float64Array;
  statuses: Int32Array;
  sent: number;
  start: number;
  end: number;
  /** Open loop: Unix ms of the first scheduled send and the interval between sends. */
  schedule?: { startEpochMs: number; intervalMs: number };
};

async function openLoop(
  step: Extract<LoadStep, { mode: 'open' }>,
  pool: Pool,
  deliveries: Delivery[],
): Promise<Outcome> {
  const latencies = new Float64Array(deliveries.length);
  const statuses = new Int32Array(deliveries.length);
  const interval = 1000 / step.rate;
  const pending: Promise<void>[] = [];
  const start = performance.now();
  const startEpochMs = Date.now();
  let end = start;
  while (pending.length < deliveries.length) {
    const due = Math.min(deliveries.length, Math.floor((performance.now() - start) / interval) + 1);
    for (let i = pending.length; i < due; i += 1) {
      const delivery = deliveries[i] as Delivery;
      const scheduled = start + i * interval;
      pending.push(
        post(pool, delivery).then((status) => {
          const now = performance.now();
          latencies[i] = now - scheduled;
          statuses[i] = status;
          end = Math.max(end, now);
        }),
      );
    }
    await sleep(Math.max(0, start + pending.length * interval - performance.now()));
  }
  await Promise.all(pending);
  return {
    latencies,
    statuses,
    sent: deliveries.length,
    start,
    end,
    schedule: { startEpochMs, intervalMs: interval },
  };
}

/** The windows of an open-loop step in which some POST took over `SLOW_MS`. */
function slowWindows(outcome: Outcome): SlowWindow[] {
  const { schedule } = outcome;
  if (!schedule) return [];
  const windows = new Map<number, SlowWindow>();
  for (let i = 0; i < outcome.sent; i += 1) {
    const latency = outcome.latencies[i] ?? 0;
    if (latency <= SLOW_MS) continue;
    const scheduledAt = schedule.startEpochMs + i * schedule.intervalMs;
    const atMs = scheduledAt - (scheduledAt % SLOW_WINDOW_MS);
    const window = windows.get(atMs) ?? { atMs, maxMs: 0, over100ms: 0 };
    window.maxMs = Math.max(window.maxMs, round(latency));
    window.over100ms += 1;
    windows.set(atMs, window);
  }
  return [...windows.values()].sort((a, b) => a.atMs - b.atMs);
}

async function closedLoop(
  step: Extract<LoadStep, { mode: 'closed' }>,
  pool: Pool,
  deliveries: Delivery[],
): Promise<Outcome> {
  const latencies = new Float64Array(deliveries.length);
  const statuses = new Int32Array(deliveries.length);
  const start = performance.now();
  const stopAt = start + step.seconds * 1000;
  let next = 0;
  let end = start;
  const connection = async () => {
    while (performance.now() < stopAt && next < deliveries.length) {
      const i = next;
      next += 1;
      const sentAt = performance.now();
      statuses[i] = await post(pool, deliveries[i] as Delivery);
      end = performance.now();
      latencies[i] = end - sentAt;
    }
  };
  await Promise.all(Array.from({ length: step.connections }, connection));
  return { latencies, statuses, sent: next, start, end };
}

function summarize(
  outcome: Outcome,
  connectionsOpenedFirst: number,
  deliveries: Delivery[],
  cpuMs: number,
  clientLoopDelayMs: LoadResult['clientLoopDelayMs'],
  wantAcked: boolean,
): LoadResult {
  const { sent, start, end } = outcome;
  const latencies = Array.from(outcome.latencies.subarray(0, sent));
  const statuses: Record<string, number> = {};
  const acked = new Set<string>();
  let ok = 0;
  let retries = 0;
  for (let i = 0; i < sent; i += 1) {
    const status = outcome.statuses[i] ?? 0;
    const delivery = deliveries[i] as Delivery;
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (delivery.retry) retries += 1;
    if (status < 200 || status >= 300) continue;
    ok += 1;
    if (wantAcked) acked.add(ackKey(delivery.source, delivery.body));
  }
  const elapsedMs = end - start;
  return {
    sent,
    ok,
    connectionsOpenedFirst,
    statuses,
    retries,
    achievedPerSecond: round(ok / (elapsedMs / 1000)),
    elapsedMs: Math.round(elapsedMs),
    latencyMs: { ...distribution(latencies), p90: round(percentile(latencies, 90)) },
    clientCpuPercent: Math.round((cpuMs / elapsedMs) * 100),
    clientLoopDelayMs,
    slowWindows: slowWindows(outcome),
    acked: [...acked],
  };
}

/** How a stored row is matched: its source and the sha256 of its exact bytes. */
export function ackKey(source: Source, body: Buffer | string): string {
  return `${source}:${createHash('sha256').update(body).digest('hex')}`;
}

async function run(step: LoadStep, started: () => void): Promise<LoadResult> {
  const count = step.mode === 'open' ? Math.round(step.rate * step.seconds) : step.maxDeliveries;
  const deliveries = buildDeliveries(count, step.secrets);
  const maxConnections = step.mode === 'open' ? OPEN_LOOP_MAX_SOCKETS : step.connections;
  const pool = connect(step.baseUrl, maxConnections);
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  let connectionsOpenedFirst = 0;
  let outcome: Outcome;
  let used: NodeJS.CpuUsage;
  try {
    if (step.warmConnections) connectionsOpenedFirst = await openConnections(pool, maxConnections);
    started();
    loopDelay.enable();
    const cpu = process.cpuUsage();
    outcome =
      step.mode === 'open'
        ? await openLoop(step, pool, deliveries)
        : await closedLoop(step, pool, deliveries);
    used = process.cpuUsage(cpu);
  } finally {
    loopDelay.disable();
    await pool.destroy();
  }
  // The histogram is in nanoseconds.
  const delay = { p99: round(loopDelay.percentile(99) / 1e6), max: round(loopDelay.max / 1e6) };
  return summarize(
    outcome,
    connectionsOpenedFirst,
    deliveries,
    (used.user + used.system) / 1000,
    delay,
    step.wantAcked,
  );
}

function reply(message: LoadReply): void {
  process.send?.(message);
}

process.on('message', (message: LoadRequest) => {
  if (message.kind !== 'run') return;
  run(message.step, () => reply({ kind: 'started', id: message.id })).then(
    (result) => reply({ kind: 'result', id: message.id, result }),
    (error: unknown) => reply({ kind: 'error', id: message.id, message: String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
