/**
 * The processes of the ingest bench, each its own OS process: the real API (`api/src/main.ts`,
 * exactly as `npm start -w @laras/api` runs it, on a scratch database and Redis prefix, **no
 * workers**: stored deliveries stay `pending`, so the ingest path alone is measured), the bare Koa
 * ceiling (`inbound-bare.ts`) and the load generator (`inbound-load.ts`). This process only
 * orchestrates and reads the database. `close()` stops the children and removes the database and
 * the Redis keys, also after a failure.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Config, createKnex, type Knex, loadConfig } from '@laras/core';
import { SANDBOX_DEFAULTS, startMetaSandbox } from '@laras/meta-sandbox';
import { dropDatabase, ensureDatabase, migrateLatest } from '@laras/migrations';
import type { LoadReply, LoadResult, LoadStep } from './inbound-load.ts';
import { benchEnv, purgeRedis } from './platform.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;
const CLOCK_TICKS_PER_SECOND = 100;

export type Child = { name: string; child: ChildProcess; pid: number; output: () => string };

export type IngestPlatform = {
  config: Config;
  ownerDb: Knex;
  databaseName: string;
  /** Base URLs of the two servers under test. */
  urls: { real: string; bare: string };
  children: { api: Child; bare: Child; load: Child };
  /** Runs one step in the load generator process. */
  load: (step: LoadStep) => Promise<LoadResult>;
  close: () => Promise<void>;
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

function track(name: string, child: ChildProcess): Child {
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  return { name, child, pid: child.pid, output: () => tail };
}

function childEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env };
}

/** A TypeScript module of this repository as a child with IPC; resolves once it says `ready`. */
async function forkReady(name: string, script: string, env: Record<string, string>) {
  const child = track(
    name,
    fork(`${ROOT}/${script}`, [], {
      cwd: ROOT,
      env: childEnv(env),
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    }),
  );
  const url = await new Promise<string | null>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} not ready:\n${child.output()}`)),
      READY_TIMEOUT_MS,
    );
    child.child.once('exit', (code) => reject(new Error(`${name} exited with ${code}:\n${child.output()}`)));
    child.child.on('message', (message: { kind?: string; url?: string }) => {
      if (message.kind !== 'ready') return;
      clearTimeout(timer);
      resolve(message.url ?? null);
    });
  });
  return { child, url };
}

async function waitUntil(what: string, child: Child, check: () => Promise<boolean>): Promise<void> {
  const start = performance.now();
  while (performance.now() - start < READY_TIMEOUT_MS) {
    if (child.child.exitCode !== null) throw new Error(`${what} exited:\n${child.output()}`);
    if (await check().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${what} not ready after ${READY_TIMEOUT_MS} ms:\n${child.output()}`);
}

/** SIGTERM (graceful close), then SIGKILL if it does not exit in time. */
async function stop(child: Child): Promise<void> {
  const process = child.child;
  if (process.exitCode !== null || process.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => process.once('exit', () => resolve()));
  process.kill('SIGTERM');
  const timer = setTimeout(() => process.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** CPU time (user + system) a process has used so far, ms; 0 once it is gone. */
export function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND) * 1000;
  } catch {
    return 0;
  }
}

/** The PostgreSQL backends serving the bench database (the API's pool), to measure their CPU. */
export async function backendPids(ownerDb: Knex, databaseName: string): Promise<number[]> {
  const result = await ownerDb.raw<{ rows: Array<{ pid: number }> }>(
    'select pid from pg_stat_activity where datname = ? and pid <> pg_backend_pid()',
    [databaseName],
  );
  return result.rows.map((row) => row.pid);
}

export async function startIngestPlatform(options: { logLevel: string; extraEnv: Record<string, string> }) {
  const runId = randomBytes(4).toString('hex');
  const sandbox = await startMetaSandbox({ port: 0 });
  const port = await freePort();
  const env = {
    ...benchEnv(sandbox, runId),
    INSTAGRAM_APP_SECRET: SANDBOX_DEFAULTS.instagramAppSecret,
    ...options.extraEnv,
    LOG_LEVEL: options.logLevel,
    PORT: String(port),
  };
  const config = loadConfig(env);
  const cleanups: Array<() => Promise<unknown>> = [() => sandbox.close()];
  const close = async () => {
    for (const step of cleanups.reverse()) await step().catch(() => undefined);
  };
  try {
    await ensureDatabase(config.database.ownerUrl);
    cleanups.push(() => purgeRedis(config.redis.url, config.redis.prefix));
    cleanups.push(() => dropDatabase(config.database.ownerUrl));
    await migrateLatest(config.database.ownerUrl);
    const ownerDb = createKnex({ url: config.database.ownerUrl, poolMax: 2, applicationName: 'laras-bench' });
    cleanups.push(() => ownerDb.destroy());

    const api = track(
      'api',
      spawn(process.execPath, ['--import', 'tsx', 'api/src/main.ts'], {
        cwd: ROOT,
        env: childEnv(env),
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    cleanups.push(() => stop(api));
    const real = `http://127.0.0.1:${port}`;
    await waitUntil('the API', api, async () => (await fetch(`${real}/readyz`)).ok);
    const bare = await forkReady('bare', 'bench/lib/inbound-bare.ts', env);
    cleanups.push(() => stop(bare.child));
    const load = await forkLoad();
    cleanups.push(() => stop(load.child));
    return {
      config,
      ownerDb,
      databaseName: new URL(config.database.ownerUrl).pathname.slice(1),
      urls: { real, bare: bare.url ?? '' },
      children: { api, bare: bare.child, load: load.child },
      load: load.run,
      close,
    } satisfies IngestPlatform;
  } catch (error) {
    await close();
    throw error;
  }
}

/** The load generator: a child that runs one step per IPC request. */
async function forkLoad() {
  const child = track(
    'load',
    fork(`${ROOT}/bench/lib/inbound-load.ts`, [], {
      cwd: ROOT,
      env: childEnv({}),
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    }),
  );
  let nextId = 0;
  const run = (step: LoadStep) =>
    new Promise<LoadResult>((resolve, reject) => {
      const id = nextId;
      nextId += 1;
      const onExit = (code: number | null) =>
        reject(new Error(`the load generator exited with ${code}:\n${child.output()}`));
      const onMessage = (message: LoadReply) => {
        if (message.id !== id) return;
        child.child.off('message', onMessage);
        child.child.off('exit', onExit);
        if (message.kind === 'result') resolve(message.result);
        else reject(new Error(message.message));
      };
      child.child.on('message', onMessage);
      child.child.once('exit', onExit);
      child.child.send({ kind: 'run', id, step });
    });
  return { child, run };
}
