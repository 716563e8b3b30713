/**
 * The platform of the API read benchmark: a scratch database `laras_bench_api_<random>` migrated
 * with the project's migrations, a Redis prefix of its own, and the real API and workers each in a
 * child process (so their resident sizes are theirs alone). `close()` stops both children and
 * removes the database and the Redis keys; `api.ts` also calls it on Ctrl-C and on failure.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createKnex, type Knex, loadConfig } from '@laras/core';
import { dropDatabase, ensureDatabase, migrateLatest } from '@laras/migrations';
import type { ChildMessage, ChildRole } from './api-child.ts';
import { childEnv, startNodeOptions, statusMiB, stopProcess } from './child-process.ts';
import { purgeRedis, withDatabase } from './platform.ts';

const CHILD = new URL('./api-child.ts', import.meta.url).pathname;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

export type MemorySample = { rss: number; heapUsed: number };

/** A platform process and what it reported about its memory. */
export class PlatformProcess {
  latest: MemorySample = { rss: 0, heapUsed: 0 };
  /** CPU time the process had used at its latest report, ms. */
  cpuMs = 0;
  #peak: MemorySample = { rss: 0, heapUsed: 0 };

  constructor(
    readonly role: ChildRole,
    readonly child: ChildProcess,
    readonly url: string | null,
  ) {
    child.on('message', (message: ChildMessage) => {
      if (message.kind !== 'memory') return;
      this.latest = { rss: message.rss, heapUsed: message.heapUsed };
      this.cpuMs = message.cpuMs;
      this.#peak = {
        rss: Math.max(this.#peak.rss, message.rss),
        heapUsed: Math.max(this.#peak.heapUsed, message.heapUsed),
      };
    });
  }

  /** Peak RSS and heap used since the last call (reported every 250 ms by the process itself). */
  takePeak(): MemorySample {
    const peak = { rss: Math.max(this.#peak.rss, this.latest.rss), heapUsed: this.#peak.heapUsed };
    this.#peak = { ...this.latest };
    return peak;
  }

  /** The kernel's high-water mark of the process's resident size (`VmHWM`), in bytes. */
  async highWaterMark(): Promise<number | null> {
    const pid = this.child.pid;
    const mib = pid === undefined ? null : await statusMiB(pid, 'VmHWM');
    return mib === null ? null : mib * 1024 * 1024;
  }

  /** SIGTERM (graceful close), then SIGKILL if it does not exit in time. */
  stop(): Promise<void> {
    return stopProcess(this.child, STOP_TIMEOUT_MS);
  }
}

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time (ms) of the PostgreSQL backends serving `applicationName`, read from /proc, by pid. */
export async function backendCpu(db: Knex, applicationName: string): Promise<Map<number, number>> {
  const rows: Array<{ pid: number }> = (
    await db.raw('select pid from pg_stat_activity where application_name = ?', [applicationName])
  ).rows;
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
      const ticks = Number(fields[11]) + Number(fields[12]);
      if (Number.isFinite(ticks)) cpu.set(pid, (ticks * 1000) / CLOCK_TICKS_PER_SECOND);
    } catch {
      // The backend exited in between.
    }
  }
  return cpu;
}

export type Scratch = {
  runId: string;
  ownerUrl: string;
  appUrl: string;
  redisUrl: string;
  redisPrefix: string;
  /** Owner connection (bypasses row-level security): seeding and sampling. A single connection. */
  ownerDb: Knex;
  /** App-role connection (row-level security applies): the same queries the API runs, explained. */
  appDb: Knex;
};

/** Creates and migrates a scratch database; nothing is started yet. */
export async function createScratch(): Promise<Scratch> {
  const machine = loadConfig();
  const runId = randomBytes(4).toString('hex');
  const database = `laras_bench_api_${runId}`;
  const ownerUrl = withDatabase(machine.database.ownerUrl, database);
  const appUrl = withDatabase(machine.database.appUrl, database);
  await ensureDatabase(ownerUrl);
  await migrateLatest(ownerUrl);
  return {
    runId,
    ownerUrl,
    appUrl,
    redisUrl: machine.redis.url,
    redisPrefix: `laras_bench_api:${runId}:`,
    // One connection, so session settings (the seed lifts the statement timeout) stay put.
    ownerDb: createKnex({ url: ownerUrl, poolMax: 1, applicationName: 'laras-bench-api' }),
    appDb: createKnex({ url: appUrl, poolMax: 2, applicationName: 'laras-bench-api-explain' }),
  };
}

export async function removeScratch(scratch: Scratch): Promise<void> {
  await Promise.allSettled([scratch.ownerDb.destroy(), scratch.appDb.destroy()]);
  await dropDatabase(scratch.ownerUrl);
  await purgeRedis(scratch.redisUrl, scratch.redisPrefix);
}

/** The environment a platform process reads its config from (the only place config comes from). */
function scratchEnv(scratch: Scratch, extra: Record<string, string>): Record<string, string> {
  return childEnv({
    ...extra,
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    DATABASE_URL: scratch.ownerUrl,
    DATABASE_APP_URL: scratch.appUrl,
    REDIS_URL: scratch.redisUrl,
    REDIS_PREFIX: scratch.redisPrefix,
    PORT: '0',
    HOST: '127.0.0.1',
    DEMO_SEED: 'false',
    // The benchmark measures the read path, not the per-key budget (600/min by default).
    API_RATE_LIMIT_PER_MINUTE: '100000000',
  });
}

/**
 * Forks `api-child.ts <role>` (under the same tsx loader) and waits until it is serving. With
 * `cpuProfileDir`, V8 writes the process's CPU profile there when it exits (`--cpu-prof`); `env`
 * adds to (never overrides) the scratch platform's environment.
 */
export async function startProcess(
  scratch: Scratch,
  role: ChildRole,
  options: { cpuProfileDir?: string | undefined; env?: Record<string, string> } = {},
): Promise<PlatformProcess> {
  const { cpuProfileDir, env = {} } = options;
  // The node options of the service's start script, as `npm start -w` runs it.
  const execArgv = [...startNodeOptions(role), ...process.execArgv];
  if (cpuProfileDir) execArgv.push('--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`);
  const child = fork(CHILD, [role], {
    env: scratchEnv(scratch, env),
    execArgv,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ready = new Promise<string | null>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${role} did not start in time`)), START_TIMEOUT_MS);
    child.on('message', (message: ChildMessage) => {
      if (message.kind !== 'ready') return;
      clearTimeout(timer);
      resolve(message.url);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${role} exited with code ${code} before it was ready`));
    });
  });
  return new PlatformProcess(role, child, await ready);
}
