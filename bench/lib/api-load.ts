/**
 * A closed-loop client: `concurrency` loops, each sending its next request as soon as the last one
 * was answered, for a fixed time, each request to a random target of the scenario. Closed loop
 * is what a page of the portal or a partner's sync job does; the latency it sees is the service
 * time under that many requests in flight. Keep-alive connections (undici, Node's fetch).
 */
import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from '@laras/core';
import { backendCpu, type MemorySample, type PlatformProcess } from './api-platform.ts';
import type { Scenario } from './api-scenarios.ts';
import { type Distribution, distribution, round } from './stats.ts';

const REQUEST_TIMEOUT_MS = 10_000;

export type LoadResult = {
  scenario: string;
  operationId: string;
  concurrency: number;
  requests: number;
  errors: number;
  /** Statuses other than 200 seen, with counts. */
  statuses: Record<string, number>;
  perSecond: number;
  latencyMs: Distribution & { mean: number };
  /**
   * CPU time per request: the API process, and the PostgreSQL backends of its pool. Both include
   * whatever else they did meanwhile (the workers' sweeps run in their own process and backends).
   */
  cpuMsPerRequest: { api: number; postgres: number };
  /** Peak resident size and heap of the API and workers processes during this run. */
  memory: { api: MemorySample; workers: MemorySample | null };
};

function pick<T>(list: readonly T[]): T {
  const item = list[randomInt(list.length)];
  if (item === undefined) throw new Error('empty target list');
  return item;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly apiKey: string,
  ) {}

  /** One GET; answers the status (0 when no answer came) and the ms it took. */
  async get(path: string): Promise<{ status: number; ms: number }> {
    const started = performance.now();
    let status = 0;
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        headers: { Authorization: `Bearer ${this.apiKey}` },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      await response.arrayBuffer();
      status = response.status;
    } catch {
      status = 0;
    }
    return { status, ms: performance.now() - started };
  }
}

/** Every target answered 200 once (a broken target would otherwise be measured as a fast 404). */
export async function checkTargets(client: ApiClient, scenario: Scenario): Promise<void> {
  for (const target of scenario.targets.slice(0, 20)) {
    const { status } = await client.get(target.path);
    if (status !== 200) throw new Error(`${scenario.name}: GET ${target.path} answered ${status}`);
  }
}

/** Runs one scenario closed loop for `seconds`; `warmup` requests first, not recorded. */
export async function runClosedLoop(
  client: ApiClient,
  scenario: Scenario,
  concurrency: number,
  seconds: number,
  processes: { api: PlatformProcess; workers: PlatformProcess | null },
  warmup: number,
  ownerDb: Knex,
): Promise<LoadResult> {
  for (let i = 0; i < warmup; i += 1) await client.get(pick(scenario.targets).path);
  // The API reports its CPU time every 250 ms: wait for a report that covers the warm-up.
  await sleep(300);
  processes.api.takePeak();
  processes.workers?.takePeak();
  const apiCpuBefore = processes.api.cpuMs;
  const pgCpuBefore = await backendCpu(ownerDb, 'laras-api');
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const { status, ms } = await client.get(pick(scenario.targets).path);
      latencies.push(ms);
      if (status !== 200) statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsed = (performance.now() - started) / 1000;
  const pgCpuAfter = await backendCpu(ownerDb, 'laras-api');
  await sleep(300);
  const apiCpuMs = processes.api.cpuMs - apiCpuBefore;
  let pgCpuMs = 0;
  for (const [pid, ms] of pgCpuAfter) pgCpuMs += ms - (pgCpuBefore.get(pid) ?? 0);
  const mean = latencies.reduce((sum, ms) => sum + ms, 0) / Math.max(1, latencies.length);
  return {
    scenario: scenario.name,
    operationId: scenario.operationId,
    concurrency,
    requests: latencies.length,
    errors: Object.values(statuses).reduce((sum, n) => sum + n, 0),
    statuses,
    perSecond: round(latencies.length / elapsed),
    latencyMs: { ...distribution(latencies), mean: round(mean) },
    cpuMsPerRequest: {
      api: round(apiCpuMs / Math.max(1, latencies.length), 2),
      postgres: round(pgCpuMs / Math.max(1, latencies.length), 2),
    },
    memory: { api: processes.api.takePeak(), workers: processes.workers?.takePeak() ?? null },
  };
}
