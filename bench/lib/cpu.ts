/**
 * CPU use over a stretch of time: this process (API, workers and load generator share its one
 * JavaScript thread) and the whole machine (PostgreSQL and Redis included), so a step that
 * saturates shows which of them ran out.
 */
import { cpus } from 'node:os';

export type CpuUse = {
  /** This process, in % of one core (100 = one core busy all the time). */
  processPercent: number;
  /** All cores, in % of the machine. */
  machinePercent: number;
};

/** CPU time of all cores since boot: busy and total, in ms. */
export function machineTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.idle + times.irq;
    busy += all - times.idle;
    total += all;
  }
  return { busy, total };
}

/** Starts measuring; the returned function tells the use since then. */
export function measureCpu(): () => CpuUse {
  const startedAt = performance.now();
  const processStart = process.cpuUsage();
  const machineStart = machineTimes();
  return () => {
    const elapsedUs = (performance.now() - startedAt) * 1000;
    const used = process.cpuUsage(processStart);
    const machine = machineTimes();
    return {
      processPercent: Math.round(((used.user + used.system) / elapsedUs) * 100),
      machinePercent: Math.round(
        ((machine.busy - machineStart.busy) / Math.max(1, machine.total - machineStart.total)) * 100,
      ),
    };
  };
}
