/** The ingest bench's per-step rows, Markdown table and verdict. */
import type { LoadResult, SlowWindow } from './inbound-load.ts';
import type { MachineWindow, machineTotals } from './machine-watch.ts';

export type Target = 'real' | 'bare';

export type StepRow = {
  /** `open 2000/s` or `closed 64 conn`. */
  step: string;
  target: Target;
  offeredPerSecond: number | null;
  sent: number;
  ok: number;
  non2xx: number;
  statuses: Record<string, number>;
  achievedPerSecond: number;
  latencyMs: LoadResult['latencyMs'];
  /** Keep-alive connections opened before the clock started (0: opened as needed). */
  connectionsOpenedFirst: number;
  /** The server's resident size right after the step (`VmRSS`), MiB. */
  serverRssMiB: number | null;
  /** % of one core while the step ran: the server under test, its PostgreSQL backends, the load generator. */
  cpu: { server: number; postgres: number; loadGenerator: number; machinePercent: number };
  /** The load generator's own event-loop delay while sending (see `LoadResult`). */
  loadGeneratorLoopDelayMs: LoadResult['clientLoopDelayMs'];
  loadAverage: number;
  /** What the whole machine lost while the step ran (`machine-watch.ts`), in ms. */
  machineStalls: ReturnType<typeof machineTotals>;
  /** The step's windows with a POST over 100 ms, each with the machine's counters for it. */
  slowWindows: Array<SlowWindow & Partial<MachineWindow>>;
  /**
   * Autovacuum runs on the bench database's tables that PostgreSQL counted while the step ran
   * (`pg_stat_user_tables`): work of its own that competes with the server for the cores.
   */
  autovacuum: { vacuums: number; analyzes: number };
};

export type Verdict = {
  lost: number;
  ackedDistinct: number;
  rowsStored: number;
  sustainedRealPerSecond: number;
  realP99At2000: number | null;
  meets5000: boolean;
  meetsP99At2000: boolean;
};

export function markdownTable(rows: StepRow[]): string {
  const header = [
    '| step | server | sent | non-2xx | achieved/s | p50 ms | p90 ms | p99 ms | max ms | CPU server | CPU PG backends | CPU load gen | load gen loop delay p99 / max ms | machine CPU | load avg | RSS server MiB |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const lines = rows.map((r) =>
    [
      r.step,
      r.target === 'real' ? 'real API' : 'bare Koa',
      r.sent,
      r.non2xx,
      r.achievedPerSecond,
      r.latencyMs.p50,
      r.latencyMs.p90,
      r.latencyMs.p99,
      r.latencyMs.max,
      `${r.cpu.server}%`,
      r.target === 'real' ? `${r.cpu.postgres}%` : '–',
      `${r.cpu.loadGenerator}%`,
      `${r.loadGeneratorLoopDelayMs.p99} / ${r.loadGeneratorLoopDelayMs.max}`,
      `${r.cpu.machinePercent}%`,
      r.loadAverage,
      r.serverRssMiB === null ? '–' : Math.round(r.serverRssMiB),
    ].join(' | '),
  );
  return [...header, ...lines.map((line) => `| ${line} |`)].join('\n');
}

export function markdownVerdict(v: Verdict): string {
  return [
    `- acknowledged distinct bodies (real API): ${v.ackedDistinct}, \`webhook_events\` rows: ${v.rowsStored}`,
    `- **lost (acked, no row): ${v.lost}**`,
    `- highest open-loop rate the real API sustained (all 2xx, achieved ≥ 97% of offered, p99 < 250 ms): ${v.sustainedRealPerSecond}/s — target ≥ 5,000/s: ${v.meets5000 ? 'met' : 'NOT met'}`,
    `- real API p99 at 2,000/s: ${v.realP99At2000 === null ? 'not measured' : `${v.realP99At2000} ms`} — target < 50 ms: ${v.meetsP99At2000 ? 'met' : 'NOT met'}`,
  ].join('\n');
}
