/**
 * Memory and CPU of the processes under test, read from /proc (Linux): the resident size of the
 * API and workers children (`VmRSS`, sampled every 250 ms, and the kernel's peak `VmHWM`), and
 * CPU ticks of the children, of the PostgreSQL backends serving the bench database (found by the
 * database name in their process title), of redis-server and of this load generator, so a step
 * shows which of them used the machine.
 */
import { readdir, readFile } from 'node:fs/promises';
import { statusMiB } from './child-process.ts';
import { machineTimes } from './cpu.ts';

const SAMPLE_MS = 250;
/** USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every Linux we run on. */
const TICKS_PER_SECOND = 100;

export type RssSample = { at: number; rssMiB: Record<string, number> };

export type CpuSnapshot = {
  at: number;
  /** Ticks per process group (api, workers, postgres, redis, loadgen). */
  ticks: Record<string, number>;
  machine: { busy: number; total: number };
};

async function ticksOf(pid: number | string): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** Ticks of every process whose command line matches. */
async function ticksMatching(match: (cmdline: string) => boolean): Promise<number> {
  let total = 0;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).replaceAll('\0', ' ');
      if (match(cmdline)) total += await ticksOf(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

export class ProcessMonitor {
  readonly samples: RssSample[] = [];
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly children: Record<string, number>,
    private readonly database: string,
  ) {}

  async #sample(): Promise<void> {
    const rssMiB: Record<string, number> = {};
    for (const [name, pid] of Object.entries(this.children)) {
      const rss = await statusMiB(pid, 'VmRSS');
      if (rss !== null) rssMiB[name] = Math.round(rss * 10) / 10;
    }
    this.samples.push({ at: Date.now(), rssMiB });
  }

  start(): void {
    this.#timer = setInterval(() => void this.#sample(), SAMPLE_MS);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** Peak resident size the kernel saw for each child (VmHWM), in MiB. */
  async peaks(): Promise<Record<string, number | null>> {
    const entries = await Promise.all(
      Object.entries(this.children).map(async ([name, pid]) => [name, await statusMiB(pid, 'VmHWM')]),
    );
    return Object.fromEntries(entries);
  }

  /** Max and mean RSS of each child between two wall-clock times. */
  rssBetween(from: number, to: number): Record<string, { maxMiB: number; meanMiB: number }> {
    const within = this.samples.filter((s) => s.at >= from && s.at <= to);
    const out: Record<string, { maxMiB: number; meanMiB: number }> = {};
    for (const name of Object.keys(this.children)) {
      const values = within.map((s) => s.rssMiB[name]).filter((v): v is number => v !== undefined);
      if (values.length === 0) continue;
      out[name] = {
        maxMiB: Math.max(...values),
        meanMiB: Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10,
      };
    }
    return out;
  }

  async cpu(): Promise<CpuSnapshot> {
    const ticks: Record<string, number> = {};
    for (const [name, pid] of Object.entries(this.children)) ticks[name] = await ticksOf(pid);
    ticks.postgres = await ticksMatching(
      (c) => c.startsWith('postgres: ') && c.includes(` ${this.database} `),
    );
    ticks.redis = await ticksMatching((c) => c.startsWith('redis-server') || c.includes('/redis-server'));
    ticks.loadgen = await ticksOf(process.pid);
    return { at: performance.now(), ticks, machine: machineTimes() };
  }
}

/** CPU between two snapshots: each group in % of one core, the machine in % of all cores. */
export function cpuBetween(start: CpuSnapshot, end: CpuSnapshot): Record<string, number> {
  const seconds = (end.at - start.at) / 1000;
  const out: Record<string, number> = {};
  for (const [name, ticks] of Object.entries(end.ticks)) {
    const used = (ticks - (start.ticks[name] ?? 0)) / TICKS_PER_SECOND;
    out[name] = Math.round((used / seconds) * 100);
  }
  const busy = end.machine.busy - start.machine.busy;
  const total = Math.max(1, end.machine.total - start.machine.total);
  out.machine = Math.round((busy / total) * 100);
  return out;
}
