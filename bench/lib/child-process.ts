/**
 * Starting, watching and stopping the child processes of the benchmarks (the real API and workers,
 * the bare Koa server, the load generator): a free local port, a TypeScript module of this
 * repository run under tsx with exactly the bench environment (plus PATH and HOME) and the last
 * 8 000 characters of its output kept for error messages, polling until it is ready, and a graceful
 * stop (SIGTERM, then SIGKILL after a timeout).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** The repository root: services run from here, scripts are relative to it. */
export const ROOT = new URL('../..', import.meta.url).pathname;
export const READY_TIMEOUT_MS = 60_000;
export const STOP_TIMEOUT_MS = 20_000;
const OUTPUT_TAIL_CHARS = 8_000;

/** A started child, its pid, and the last lines it wrote to stdout / stderr. */
export type Service<Name extends string = string> = {
  name: Name;
  child: ChildProcess;
  pid: number;
  output: () => string;
};

/**
 * The node options `npm start -w <workspace>` runs the service with (e.g. the API's larger young
 * generation), read from its package.json start script (`node <options> --import tsx <script>`),
 * so a benchmark starts the service exactly as it is started for real.
 */
export function startNodeOptions(workspace: 'api' | 'workers'): string[] {
  const manifest = JSON.parse(readFileSync(`${ROOT}/${workspace}/package.json`, 'utf8')) as {
    scripts?: { start?: string };
  };
  const words = (manifest.scripts?.start ?? '').split(/\s+/);
  if (words[0] !== 'node') return [];
  const end = words.indexOf('--import');
  return words.slice(1, end === -1 ? undefined : end).filter((word) => word.startsWith('--'));
}

/**
 * A size from the kernel's view of a process (`/proc/<pid>/status`), in MiB: `VmRSS` its resident
 * size now, `VmHWM` the most it was resident so far. Null once the process is gone.
 */
export async function statusMiB(pid: number, field: 'VmRSS' | 'VmHWM'): Promise<number | null> {
  try {
    const text = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
    return match?.[1] ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** A TCP port on 127.0.0.1 nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** `--env` values (`KEY=VALUE` each) as an environment; a pair without a key is an error. */
export function parseEnvPairs(pairs: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf('=');
      if (at < 1) throw new Error(`--env takes KEY=VALUE, not ${pair}`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

/** A child's environment: exactly `env`, plus PATH and HOME of this process. */
export function childEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env };
}

/** Keeps the tail of a child's stdout and stderr (both must be piped). */
export function track<Name extends string>(name: Name, child: ChildProcess): Service<Name> {
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  return { name, child, pid: child.pid, output: () => tail };
}

/** Runs `node [nodeArgs] --import tsx <script>` from the repository root with `childEnv(env)`. */
export function spawnService<Name extends string>(
  name: Name,
  script: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Service<Name> {
  return track(
    name,
    spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
      cwd: ROOT,
      env: childEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/** Polls `check` every 200 ms until it is true; fails if the service exits or the time runs out. */
export async function waitUntil(
  what: string,
  service: Service,
  check: () => Promise<boolean>,
): Promise<void> {
  const start = performance.now();
  while (performance.now() - start < READY_TIMEOUT_MS) {
    if (service.child.exitCode !== null) {
      throw new Error(`${what} exited with ${service.child.exitCode}:\n${service.output()}`);
    }
    if (await check().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${what} not ready after ${READY_TIMEOUT_MS} ms:\n${service.output()}`);
}

/** SIGTERM (graceful close), then SIGKILL if it does not exit within `timeoutMs`. */
export async function stopProcess(child: ChildProcess, timeoutMs = STOP_TIMEOUT_MS): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

/** `stopProcess` for a tracked service. */
export function stopService(service: Service): Promise<void> {
  return stopProcess(service.child);
}
