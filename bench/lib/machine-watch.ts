/**
 * What the machine did, window by window, while a step ran: CPU time the VM's host took (steal),
 * time some task waited for CPU, and time all tasks were stalled on I/O (the kernel's pressure
 * stall counters). Lined up with a step's slow windows, it tells a stall of the server from a
 * stall of the whole machine. Linux only; elsewhere every reading is null.
 */
import { readFileSync } from 'node:fs';

/** Width of the windows, in ms; the ingest load generator counts its slow POSTs in the same ones. */
export const WINDOW_MS = 250;

export type MachineWindow = {
  /** Unix ms at which the window starts. */
  atMs: number;
  /** ms of CPU taken by the host, over both cores. */
  stealMs: number | null;
  /** ms in which at least one task waited for a CPU. */
  cpuWaitMs: number | null;
  /** ms in which every non-idle task was stalled on I/O. */
  ioStallMs: number | null;
};

type Counters = { steal: number | null; cpuSome: number | null; ioFull: number | null };

/** `/proc/stat`'s steal column over all CPUs, in ms (USER_HZ is 100 on Linux). */
function stealMs(): number | null {
  const line = readProc('/proc/stat')?.split('\n')[0];
  const steal = line?.trim().split(/\s+/)[8];
  return steal === undefined ? null : Number(steal) * 10;
}

/** The `total=` (µs) of a pressure file's `some` or `full` line, in ms. */
function pressureMs(resource: 'cpu' | 'io', kind: 'some' | 'full'): number | null {
  const line = readProc(`/proc/pressure/${resource}`)
    ?.split('\n')
    .find((l) => l.startsWith(kind));
  const total = line?.match(/total=(\d+)/)?.[1];
  return total === undefined ? null : Number(total) / 1000;
}

function readProc(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function read(): Counters {
  return { steal: stealMs(), cpuSome: pressureMs('cpu', 'some'), ioFull: pressureMs('io', 'full') };
}

const delta = (a: number | null, b: number | null) => (a === null || b === null ? null : Math.round(b - a));

/**
 * Samples every `windowMs` until the returned function is called, which answers the windows. The
 * windows are aligned to multiples of `windowMs` in Unix time, as the load generator's are.
 */
export function watchMachine(windowMs: number): () => MachineWindow[] {
  const windows: MachineWindow[] = [];
  // Read first on the next window boundary, so that each sample covers about one window.
  let last: Counters;
  let lastAt: number;
  const sample = () => {
    const now = read();
    const at = Date.now();
    windows.push({
      atMs: lastAt - (lastAt % windowMs),
      stealMs: delta(last.steal, now.steal),
      cpuWaitMs: delta(last.cpuSome, now.cpuSome),
      ioStallMs: delta(last.ioFull, now.ioFull),
    });
    last = now;
    lastAt = at;
  };
  let interval: ReturnType<typeof setInterval> | undefined;
  const first = setTimeout(
    () => {
      last = read();
      lastAt = Date.now();
      interval = setInterval(sample, windowMs);
    },
    windowMs - (Date.now() % windowMs),
  );
  return () => {
    clearTimeout(first);
    clearInterval(interval);
    return windows;
  };
}

/** Sums of a step's windows: how much the host took and how long the machine stalled. */
export function machineTotals(windows: MachineWindow[]) {
  const sum = (pick: (w: MachineWindow) => number | null) =>
    windows.some((w) => pick(w) === null) ? null : windows.reduce((s, w) => s + (pick(w) ?? 0), 0);
  return {
    stealMs: sum((w) => w.stealMs),
    cpuWaitMs: sum((w) => w.cpuWaitMs),
    ioStallMs: sum((w) => w.ioStallMs),
  };
}
