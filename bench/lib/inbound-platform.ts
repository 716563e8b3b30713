/**
 * The processes of the ingest bench, each its own OS process: the real API (`api/src/main.ts`,
 * exactly as `npm start -w @laras/api` runs it, on a scratch database and Redis prefix, **no
 * workers**: stored deliveries stay `pending`, so the ingest path alone is measured), the bare Koa
 * ceiling (`inbound-bare.ts`) and the load generator (`inbound-load.ts`). This process only
 * orchestrates and reads the database. `close()` stops the children and removes the database and
 * the Redis keys, also after a failure.
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Config, Knex } from '@laras/core';
import { SANDBOX_DEFAULTS } from '@laras/meta-sandbox';
import {
  childEnv,
  freePort,
  READY_TIMEOUT_MS,
  ROOT,
  type Service,
  spawnService,
  startNodeOptions,
  stopService,
  track,
  waitUntil,
} from './child-process.ts';
import type { LoadReply, LoadResult, LoadStep } from './inbound-load.ts';
import { openScratchPlatform } from './platform.ts';

const CLOCK_TICKS_PER_SECOND = 100;

export type Child = Service;

export type IngestPlatform = {
  config: Config;
  ownerDb: Knex;
  databaseName: string;
  /** Base URLs of the two servers under test. */
  urls: { real: string; bare: string };
  children: { api: Child; bare: Child; load: Child };
  /**
   * Runs one step in the load generator process; `onStarted` is called when its clock starts
   * (after the deliveries are built and the connections opened), to measure CPU from there.
   */
  load: (step: LoadStep, onStarted?: () => void) => Promise<LoadResult>;
  close: () => Promise<void>;
};

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

export async function startIngestPlatform(options: {
  logLevel: string;
  extraEnv: Record<string, string>;
  /** Extra `node` arguments for the real API (`--cpu-prof …`). */
  nodeArgs: string[];
}) {
  const port = await freePort();
  const scratch = await openScratchPlatform({
    env: (base) => ({
      ...base,
      INSTAGRAM_APP_SECRET: SANDBOX_DEFAULTS.instagramAppSecret,
      ...options.extraEnv,
      LOG_LEVEL: options.logLevel,
      PORT: String(port),
    }),
    ownerPoolMax: 2,
  });
  const { env, config, ownerDb, onClose, close } = scratch;
  try {
    const api = spawnService('api', 'api/src/main.ts', env, [
      ...startNodeOptions('api'),
      ...options.nodeArgs,
    ]);
    onClose(() => stopService(api));
    const real = `http://127.0.0.1:${port}`;
    await waitUntil('the API', api, async () => (await fetch(`${real}/readyz`)).ok);
    const bare = await forkReady('bare', 'bench/lib/inbound-bare.ts', env);
    onClose(() => stopService(bare.child));
    const load = await forkLoad();
    onClose(() => stopService(load.child));
    return {
      config,
      ownerDb,
      databaseName: scratch.databaseName,
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
  const run = (step: LoadStep, onStarted?: () => void) =>
    new Promise<LoadResult>((resolve, reject) => {
      const id = nextId;
      nextId += 1;
      const onExit = (code: number | null) =>
        reject(new Error(`the load generator exited with ${code}:\n${child.output()}`));
      const onMessage = (message: LoadReply) => {
        if (message.id !== id) return;
        if (message.kind === 'started') {
          onStarted?.();
          return;
        }
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
