/**
 * Webhook ingest benchmark (issue 7, benchmark 1): realistic signed WhatsApp (messages, statuses)
 * and Instagram (DMs, comments) deliveries POSTed over loopback by a load generator in its own
 * process to (a) the real API in its own process — signature check, durable row in
 * `webhook_events` through PostgreSQL, then 200; workers are not running — and (b) a bare Koa
 * server that only checks the signature and answers 200, the ceiling. Both get the same open-loop
 * rates, step by step, in the same run, then a closed-loop step for maximum throughput. Lost =
 * deliveries the real API acknowledged with a 2xx whose body has no `webhook_events` row.
 * It is run by hand (`npm run -s bench:inbound`), never by `npm test`. Options:
 * `--rates 500,1000,2000,3000,4000,5000,6000 --seconds 10 --connections 64 --closed-seconds 10
 * --log-level warn --env KEY=VALUE` (extra API environment, repeatable) `--node-args="--cpu-prof …"`
 * (extra node arguments of the real API, after its start script's) `--cold-connections` (open the
 * generator's connections during each step instead of before it; see `openConnections`).
 */
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { parseEnvPairs, startNodeOptions, statusMiB } from './lib/child-process.ts';
import { measureCpu } from './lib/cpu.ts';
import type { LoadResult, LoadStep } from './lib/inbound-load.ts';
import { backendPids, cpuMsOf, type IngestPlatform, startIngestPlatform } from './lib/inbound-platform.ts';
import {
  markdownTable,
  markdownVerdict,
  type StepRow,
  type Target,
  type Verdict,
} from './lib/inbound-report.ts';
import { machineTotals, WINDOW_MS, watchMachine } from './lib/machine-watch.ts';
import { writeJson } from './lib/report.ts';

const RESULTS_DIR = new URL('./results', import.meta.url).pathname;
const WARMUP = { rate: 500, seconds: 3 };
/** Between steps, so one step's tail does not land in the next one's numbers. */
const SETTLE_MS = 1_000;
const CLOSED_LOOP_MAX_PER_SECOND = 12_000;
/** "Keeps up" for the verdict: every POST 2xx, ≥ 97% of the offered rate achieved, p99 under this. */
const SUSTAINED_P99_MS = 250;

type Options = {
  rates: number[];
  seconds: number;
  connections: number;
  closedSeconds: number;
  logLevel: string;
  extraEnv: Record<string, string>;
  nodeArgs: string[];
  /** Open the generator's connections as needed during a step instead of before it (see `openConnections`). */
  coldConnections: boolean;
};

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      rates: { type: 'string', default: '500,1000,2000,3000,4000,5000,6000' },
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '64' },
      'closed-seconds': { type: 'string', default: '10' },
      'log-level': { type: 'string', default: 'warn' },
      env: { type: 'string', multiple: true, default: [] },
      'node-args': { type: 'string', default: '' },
      'cold-connections': { type: 'boolean', default: false },
    },
  });
  const rates = values.rates.split(',').map(Number);
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const closedSeconds = Number(values['closed-seconds']);
  if (rates.some((r) => !(r > 0)) || !(seconds > 0) || !(connections >= 1) || !(closedSeconds >= 0)) {
    throw new Error('--rates, --seconds, --connections and --closed-seconds take positive numbers');
  }
  const extraEnv = parseEnvPairs(values.env);
  const nodeArgs = values['node-args'].split(' ').filter(Boolean);
  return {
    rates,
    seconds,
    connections,
    closedSeconds,
    logLevel: values['log-level'],
    extraEnv,
    nodeArgs,
    coldConnections: values['cold-connections'],
  };
}

const oneMinuteLoad = () => Math.round((loadavg()[0] ?? 0) * 10) / 10;

/** Autovacuum runs so far on the bench database's tables (PostgreSQL's statistics, ~1 s behind). */
async function autovacuumRuns(platform: IngestPlatform): Promise<{ vacuums: number; analyzes: number }> {
  const result = await platform.ownerDb.raw<{ rows: Array<{ vacuums: string; analyzes: string }> }>(
    'select coalesce(sum(autovacuum_count), 0) as vacuums, coalesce(sum(autoanalyze_count), 0) as analyzes from pg_stat_user_tables',
  );
  const row = result.rows[0];
  return { vacuums: Number(row?.vacuums ?? 0), analyzes: Number(row?.analyzes ?? 0) };
}

/** One step against one server, with the CPU each process used while it ran. */
async function measure(
  platform: IngestPlatform,
  target: Target,
  label: string,
  step: LoadStep,
  offered: number | null,
): Promise<{ row: StepRow; acked: string[] }> {
  const server = target === 'real' ? platform.children.api.pid : platform.children.bare.pid;
  const pgPids = () => (target === 'real' ? backendPids(platform.ownerDb, platform.databaseName) : []);
  // Backends come and go with the API's pool: those that ended during the step are not counted.
  const pids = await pgPids();
  const autovacuumBefore = await autovacuumRuns(platform);
  // Sampled when the generator's clock starts, not while it builds deliveries and opens connections.
  let pgBefore = new Map<number, number>();
  let before = { server: 0, load: 0 };
  let machine = measureCpu();
  let startedAt = performance.now();
  const stopWatching = watchMachine(WINDOW_MS);
  const result: LoadResult = await platform.load(step, () => {
    pgBefore = new Map(pids.map((pid) => [pid, cpuMsOf(pid)]));
    before = { server: cpuMsOf(server), load: cpuMsOf(platform.children.load.pid) };
    machine = measureCpu();
    startedAt = performance.now();
  });
  const elapsed = performance.now() - startedAt;
  const windows = stopWatching();
  const windowAt = new Map(windows.map((w) => [w.atMs, w]));
  const after = { server: cpuMsOf(server), load: cpuMsOf(platform.children.load.pid) };
  const pgUsed = (await pgPids()).reduce((sum, pid) => sum + cpuMsOf(pid) - (pgBefore.get(pid) ?? 0), 0);
  const percent = (a: number, b: number) => Math.round(((b - a) / elapsed) * 100);
  const autovacuumAfter = await autovacuumRuns(platform);
  const row: StepRow = {
    step: label,
    target,
    offeredPerSecond: offered,
    sent: result.sent,
    ok: result.ok,
    non2xx: result.sent - result.ok,
    statuses: result.statuses,
    achievedPerSecond: result.achievedPerSecond,
    latencyMs: result.latencyMs,
    connectionsOpenedFirst: result.connectionsOpenedFirst,
    serverRssMiB: await statusMiB(server, 'VmRSS'),
    cpu: {
      server: percent(before.server, after.server),
      postgres: percent(0, pgUsed),
      loadGenerator: percent(before.load, after.load),
      machinePercent: machine().machinePercent,
    },
    loadGeneratorLoopDelayMs: result.clientLoopDelayMs,
    loadAverage: oneMinuteLoad(),
    machineStalls: machineTotals(windows),
    slowWindows: result.slowWindows.map((w) => ({ ...windowAt.get(w.atMs), ...w })),
    autovacuum: {
      vacuums: autovacuumAfter.vacuums - autovacuumBefore.vacuums,
      analyzes: autovacuumAfter.analyzes - autovacuumBefore.analyzes,
    },
  };
  process.stderr.write(
    `  ${label} ${target}: ${result.achievedPerSecond}/s, p50 ${result.latencyMs.p50} p99 ${result.latencyMs.p99} max ${result.latencyMs.max} ms, non-2xx ${row.non2xx}, load generator's loop delay max ${result.clientLoopDelayMs.max} ms, connections opened first ${result.connectionsOpenedFirst}, autovacuum runs ${row.autovacuum.vacuums} vacuum / ${row.autovacuum.analyzes} analyze\n`,
  );
  for (const w of row.slowWindows) {
    process.stderr.write(
      `    slow window ${new Date(w.atMs).toISOString().slice(11, 23)}: ${w.over100ms} POSTs over 100 ms, max ${w.maxMs} ms; machine: steal ${w.stealMs ?? '?'} ms, CPU wait ${w.cpuWaitMs ?? '?'} ms, I/O stall ${w.ioStallMs ?? '?'} ms\n`,
    );
  }
  await sleep(SETTLE_MS);
  return { row, acked: result.acked };
}

/** Every `source:sha256` stored in `webhook_events`. */
async function storedKeys(platform: IngestPlatform): Promise<Set<string>> {
  const rows: Array<{ source: string; body_sha256: string }> = await platform
    .ownerDb('webhook_events')
    .select('source', 'body_sha256');
  return new Set(rows.map((row) => `${row.source}:${row.body_sha256}`));
}

function verdict(rows: StepRow[], acked: Set<string>, stored: Set<string>): Verdict {
  const lost = [...acked].filter((key) => !stored.has(key)).length;
  const keptUp = rows.filter(
    (r) =>
      r.target === 'real' &&
      r.offeredPerSecond !== null &&
      r.non2xx === 0 &&
      r.achievedPerSecond >= 0.97 * r.offeredPerSecond &&
      r.latencyMs.p99 < SUSTAINED_P99_MS,
  );
  const sustained = Math.max(0, ...keptUp.map((r) => r.offeredPerSecond ?? 0));
  const at2000 = rows.find((r) => r.target === 'real' && r.offeredPerSecond === 2000);
  return {
    lost,
    ackedDistinct: acked.size,
    rowsStored: stored.size,
    sustainedRealPerSecond: sustained,
    realP99At2000: at2000?.latencyMs.p99 ?? null,
    meets5000: sustained >= 5000,
    meetsP99At2000: at2000 !== undefined && at2000.non2xx === 0 && at2000.latencyMs.p99 < 50,
  };
}

async function postgresSettings(platform: IngestPlatform) {
  const names = [
    'server_version',
    'synchronous_commit',
    'commit_delay',
    'commit_siblings',
    'fsync',
    'wal_sync_method',
    'wal_writer_delay',
    'wal_level',
    'shared_buffers',
    'max_connections',
  ];
  const result = await platform.ownerDb.raw<{
    rows: Array<{ name: string; setting: string; unit: string | null }>;
  }>('select name, setting, unit from pg_settings where name = any(?)', [names]);
  return Object.fromEntries(result.rows.map((r) => [r.name, r.unit ? `${r.setting} ${r.unit}` : r.setting]));
}

async function main() {
  const options = parseOptions();
  const loadAverageAtStart = oneMinuteLoad();
  process.stderr.write(
    `inbound bench: rates ${options.rates.join(', ')}/s × ${options.seconds} s, closed loop ${options.connections} connections × ${options.closedSeconds} s, load average ${loadAverageAtStart}\n`,
  );
  const platform = await startIngestPlatform({
    logLevel: options.logLevel,
    extraEnv: options.extraEnv,
    nodeArgs: options.nodeArgs,
  });
  try {
    const secrets = {
      whatsapp: platform.config.meta.appSecret,
      instagram: platform.config.meta.instagramAppSecret,
    };
    const open = (target: Target, rate: number, seconds: number): LoadStep => ({
      mode: 'open',
      baseUrl: platform.urls[target],
      rate,
      seconds,
      secrets,
      wantAcked: target === 'real',
      warmConnections: !options.coldConnections,
    });
    const rows: StepRow[] = [];
    const acked = new Set<string>();
    // Warm-up (JIT, pools, connections): not reported, but its acknowledged bodies are checked too.
    for (const target of ['bare', 'real'] as const) {
      const warmup = await platform.load(open(target, WARMUP.rate, WARMUP.seconds));
      for (const key of warmup.acked) acked.add(key);
    }
    const record = ({ row, acked: keys }: { row: StepRow; acked: string[] }) => {
      rows.push(row);
      for (const key of keys) acked.add(key);
    };
    for (const rate of options.rates) {
      for (const target of ['bare', 'real'] as const) {
        record(await measure(platform, target, `open ${rate}/s`, open(target, rate, options.seconds), rate));
      }
    }
    if (options.closedSeconds > 0) {
      for (const target of ['bare', 'real'] as const) {
        const step: LoadStep = {
          mode: 'closed',
          baseUrl: platform.urls[target],
          connections: options.connections,
          seconds: options.closedSeconds,
          maxDeliveries: Math.round(CLOSED_LOOP_MAX_PER_SECOND * options.closedSeconds),
          secrets,
          wantAcked: target === 'real',
          warmConnections: !options.coldConnections,
        };
        record(await measure(platform, target, `closed ${options.connections} conn`, step, null));
      }
    }
    const stored = await storedKeys(platform);
    const result = verdict(rows, acked, stored);
    const report = {
      at: new Date().toISOString(),
      options,
      placement:
        'load generator, real API and bare Koa are separate processes on the same 2 cores as PostgreSQL and Redis; no workers run during the measurement',
      machine: {
        cores: availableParallelism(),
        cpu: cpus()[0]?.model ?? 'unknown',
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        loadAverageAtStart,
        loadAverageAtEnd: oneMinuteLoad(),
      },
      /** The most each server was resident during the run (`VmHWM`), MiB. */
      peakRssMiB: {
        api: await statusMiB(platform.children.api.pid, 'VmHWM'),
        bare: await statusMiB(platform.children.bare.pid, 'VmHWM'),
      },
      /** The node options the real API ran with: its start script's, then `--node-args`. */
      apiNodeOptions: [...startNodeOptions('api'), ...options.nodeArgs],
      postgres: await postgresSettings(platform),
      steps: rows,
      verdict: result,
    };
    const path = await writeJson(RESULTS_DIR, report, 'inbound');
    const peak = (mib: number | null) => (mib === null ? '?' : `${Math.round(mib)} MiB`);
    process.stdout.write(
      `${markdownTable(rows)}\n\n${markdownVerdict(result)}\n- peak resident size (VmHWM): real API ${peak(report.peakRssMiB.api)}, bare Koa ${peak(report.peakRssMiB.bare)}\n\nJSON: ${path}\n`,
    );
    if (result.lost > 0) process.exitCode = 1;
  } finally {
    await platform.close();
  }
}

await main();
