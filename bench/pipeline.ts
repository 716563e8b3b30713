/**
 * Pipeline benchmark (issue 7): customer messages in, auto-sent replies out. Signed WhatsApp
 * deliveries are POSTed open loop at rising rates to an API running as its own process; the
 * workers (another process) store, draft with the built-in drafter, classify, decide auto-send and
 * send through the Meta sandbox, whose `delivered` status webhooks come back through the API. We
 * measure, per message, webhook → send accepted by the sandbox → `delivered` recorded, sustained
 * replies per second, backlog and drain, replies lost or sent twice, and CPU and resident memory
 * of the API and the workers. A script, not a test: run by hand (`npm run -s bench:pipeline`).
 * Options: `--rates 10,25,50,100,200,400,600 --seconds 12 --workspaces 50 --statuses delivered
 * --drain 30 --warmup 5 --log-level warn --env NAME=VALUE,… --node-args="--cpu-prof …"` (environment
 * and node flags for both children; `--workers-script` runs another copy of the workers to compare a
 * change). `--warmup` seconds of traffic at the first rate run before the measured steps (0: none):
 * without it the first step also measured the processes' warm-up (compiling, pools, caches), which
 * put its p95 far above a later, faster step's. Their messages count towards lost / sent twice.
 */
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { parseEnvPairs } from './lib/child-process.ts';
import { sendOpenLoop } from './lib/pacer.ts';
import { backlog, jobTimings, messageFates, type Reply, repliesByWamid } from './lib/pipeline-measure.ts';
import { type PipelinePlatform, startPipelinePlatform } from './lib/pipeline-platform.ts';
import { cpuBetween, ProcessMonitor } from './lib/pipeline-procs.ts';
import {
  jobsTable,
  type PipelineStepRun,
  pipelineTable,
  pipelineTotals,
  pipelineTotalsMarkdown,
  stagesTable,
  summarizePipelineStep,
} from './lib/pipeline-report.ts';
import { FirstContactTraffic } from './lib/pipeline-traffic.ts';
import { writeJson } from './lib/report.ts';

const RESULTS_DIR = new URL('./results', import.meta.url).pathname;
const FINAL_DRAIN_MS = 180_000;
const POLL_MS = 200;
const STATUSES = ['sent', 'delivered', 'read'] as const;
type Status = (typeof STATUSES)[number];

type Options = {
  rates: number[];
  seconds: number;
  workspaces: number;
  statuses: Status[];
  statusDelayMs: number;
  drainSeconds: number;
  warmupSeconds: number;
  logLevel: string;
  env: Record<string, string>;
  nodeArgs: string[];
  workersScript: string;
  pastSaturation: boolean;
};

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      rates: { type: 'string', default: '10,25,50,100,200,400,600' },
      seconds: { type: 'string', default: '12' },
      workspaces: { type: 'string', default: '50' },
      statuses: { type: 'string', default: 'delivered' },
      'status-delay': { type: 'string', default: '50' },
      drain: { type: 'string', default: '30' },
      warmup: { type: 'string', default: '5' },
      'log-level': { type: 'string', default: 'warn' },
      env: { type: 'string', default: '' },
      'node-args': { type: 'string', default: '' },
      'workers-script': { type: 'string', default: 'workers/src/main.ts' },
      /** Keep climbing after a step whose replies did not catch up (by default the run stops there). */
      'past-saturation': { type: 'boolean', default: false },
    },
  });
  const rates = values.rates.split(',').map(Number);
  const seconds = Number(values.seconds);
  const workspaces = Number(values.workspaces);
  const statuses = values.statuses.split(',').filter(Boolean) as Status[];
  const statusDelayMs = Number(values['status-delay']);
  const drainSeconds = Number(values.drain);
  const warmupSeconds = Number(values.warmup);
  const env = parseEnvPairs(values.env.split(',').filter(Boolean));
  if (
    rates.some((r) => !(r > 0)) ||
    !(seconds > 0) ||
    !(Number.isInteger(workspaces) && workspaces >= 1) ||
    !statuses.includes('delivered') ||
    statuses.some((s) => !STATUSES.includes(s)) ||
    !(statusDelayMs >= 0) ||
    !(drainSeconds > 0) ||
    !(warmupSeconds >= 0)
  ) {
    throw new Error(
      '--rates, --seconds, --workspaces, --drain take positive numbers, --warmup zero or more; --statuses must include delivered',
    );
  }
  return {
    rates,
    seconds,
    workspaces,
    statuses,
    statusDelayMs,
    drainSeconds,
    warmupSeconds,
    logLevel: values['log-level'],
    env,
    nodeArgs: values['node-args'].split(' ').filter(Boolean),
    workersScript: values['workers-script'],
    pastSaturation: values['past-saturation'],
  };
}

const loadAverage = () => Math.round((loadavg()[0] ?? 0) * 10) / 10;

/** Accepted messages still without a reply. */
function unreplied(accepted: Set<string>, replies: Map<string, Reply>): number {
  let missing = 0;
  for (const wamid of accepted) if (!replies.has(wamid)) missing += 1;
  return missing;
}

async function waitForReplies(platform: PipelinePlatform, accepted: Set<string>, timeoutMs: number) {
  const start = performance.now();
  while (performance.now() - start < timeoutMs) {
    if (unreplied(accepted, repliesByWamid(platform.sandbox)) === 0) {
      return Math.round(performance.now() - start);
    }
    await sleep(POLL_MS);
  }
  return null;
}

/** Waits until every reply has its `delivered` event (or the time is up). */
async function waitForDelivered(platform: PipelinePlatform, expected: number, timeoutMs: number) {
  const start = performance.now();
  const ids = platform.targets.map((t) => t.workspaceId);
  while (performance.now() - start < timeoutMs) {
    const row = await platform
      .ownerDb('events')
      .where({ type: 'message.delivered' })
      .whereIn('workspace_id', ids)
      .count<{ count: string }>('* as count')
      .first();
    if (Number(row?.count ?? 0) >= expected) return true;
    await sleep(POLL_MS);
  }
  return false;
}

async function runStep(
  platform: PipelinePlatform,
  monitor: ProcessMonitor,
  traffic: FirstContactTraffic,
  accepted: Set<string>,
  rate: number,
  options: Options,
): Promise<PipelineStepRun> {
  const deliveries = traffic.deliveries(Math.round(rate * options.seconds));
  const load = loadAverage();
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const cpuStart = await monitor.cpu();
  const startedAt = Date.now();
  const results = await sendOpenLoop(platform.webhookUrl, deliveries, rate);
  const sendingEndedAt = Date.now();
  const cpuEnd = await monitor.cpu();
  loopDelay.disable();
  for (const r of results)
    if (r.status >= 200 && r.status < 300) for (const w of r.delivery.wamids) accepted.add(w);
  const unrepliedAtEnd = unreplied(accepted, repliesByWamid(platform.sandbox));
  const backlogAtEnd = await backlog(platform.ownerDb, platform.queues);
  const drainMs = await waitForReplies(platform, accepted, options.drainSeconds * 1000);
  const drainedAt = Date.now();
  const jobs = await jobTimings(platform.queues, startedAt, drainedAt);
  process.stderr.write(
    `  ${rate}/s: ${results.length} POSTs, ${unrepliedAtEnd} unreplied at end, drain ${drainMs ?? 'not drained'} ms\n`,
  );
  return {
    targetRate: rate,
    seconds: options.seconds,
    results,
    startedAt,
    sendingEndedAt,
    drainedAt,
    unrepliedAtEnd,
    backlogAtEnd,
    drainMs,
    loadAverage: load,
    eventLoopDelayP99Ms: Math.round(loopDelay.percentile(99) / 1e6),
    cpu: cpuBetween(cpuStart, cpuEnd),
    rss: monitor.rssBetween(startedAt, drainedAt),
    jobs,
  };
}

async function machine(platform: PipelinePlatform, loadAverageAtStart: number) {
  const pg = await platform.ownerDb.raw<{ rows: Array<{ server_version: string }> }>('show server_version');
  return {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres: pg.rows[0]?.server_version ?? 'unknown',
    loadAverageAtStart,
    loadAverageAtEnd: loadAverage(),
  };
}

async function measure(platform: PipelinePlatform, options: Options) {
  const database = new URL(platform.config.database.ownerUrl).pathname.slice(1);
  const monitor = new ProcessMonitor({ api: platform.api.pid, workers: platform.workers.pid }, database);
  monitor.start();
  await sleep(3_000);
  const idle = monitor.rssBetween(0, Date.now());
  const traffic = new FirstContactTraffic(
    platform.sandbox,
    platform.targets.map((t) => t.phoneNumberId),
    platform.config.meta.appSecret,
  );
  const accepted = new Set<string>();
  const firstRate = options.rates[0] ?? 10;
  const warmup =
    options.warmupSeconds > 0
      ? await runStep(platform, monitor, traffic, accepted, firstRate, {
          ...options,
          seconds: options.warmupSeconds,
        })
      : undefined;
  if (warmup) process.stderr.write('  (that was the warm-up: not in the tables)\n');
  const runs: PipelineStepRun[] = [];
  for (const rate of options.rates) {
    const run = await runStep(platform, monitor, traffic, accepted, rate, options);
    runs.push(run);
    // Past saturation every higher step only adds backlog: its latencies would be the queue's.
    if (run.drainMs === null && !options.pastSaturation) {
      process.stderr.write('  saturated: replies did not catch up, no higher rate is tried\n');
      break;
    }
  }
  const drained = (await waitForReplies(platform, accepted, FINAL_DRAIN_MS)) !== null;
  const sentReplies = repliesByWamid(platform.sandbox).size;
  await waitForDelivered(platform, sentReplies, 30_000);
  const afterMs = Date.now();
  await sleep(2_000);
  const afterDrain = monitor.rssBetween(afterMs, Date.now());
  monitor.stop();
  const peaks = await monitor.peaks();

  const workspaceIds = platform.targets.map((t) => t.workspaceId);
  const replies = repliesByWamid(platform.sandbox);
  const fates = await messageFates(platform.ownerDb, workspaceIds);
  const statuses: Array<{ status: string; count: string }> = await platform
    .ownerDb('webhook_events')
    .select('status')
    .count('* as count')
    .groupBy('status');
  const rejects = await platform.ownerDb('inbound_rejects').count<{ count: string }>('* as count').first();
  const steps = runs.map((run) => summarizePipelineStep(run, replies, fates));
  // Totals (lost, sent twice) cover the warm-up's messages too.
  const summary = pipelineTotals(warmup ? [warmup, ...runs] : runs, replies, fates, {
    webhookEvents: Object.fromEntries(statuses.map((s) => [s.status, Number(s.count)])),
    inboundRejects: Number(rejects?.count ?? 0),
    drained,
  });
  const memory = { idleMiB: idle, afterDrainMiB: afterDrain, peakVmHwmMiB: peaks };
  const warmupStep = warmup ? summarizePipelineStep(warmup, replies, fates) : null;
  return { warmup: warmupStep, steps, summary, memory, rssSamples: monitor.samples };
}

async function main() {
  const options = parseOptions();
  const loadAverageAtStart = loadAverage();
  if (loadAverageAtStart > availableParallelism()) {
    process.stderr.write(
      `  warning: load average ${loadAverageAtStart} on ${availableParallelism()} cores\n`,
    );
  }
  process.stderr.write(
    `pipeline bench: rates ${options.rates.join(', ')}/s, ${options.seconds} s each, ${options.workspaces} workspaces\n`,
  );
  const platform = await startPipelinePlatform({
    workspaces: options.workspaces,
    statuses: options.statuses,
    statusDelayMs: options.statusDelayMs,
    logLevel: options.logLevel,
    extraEnv: options.env,
    nodeArgs: options.nodeArgs,
    workersScript: options.workersScript,
  });
  const interrupted = () => {
    process.stderr.write('interrupted: cleaning up\n');
    platform.close().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const { warmup, steps, summary, memory, rssSamples } = await measure(platform, options);
    const report = {
      at: new Date().toISOString(),
      options,
      machine: await machine(platform, loadAverageAtStart),
      warmup,
      steps,
      summary,
      memory,
      rssSamples,
    };
    const path = await writeJson(RESULTS_DIR, report, 'pipeline');
    process.stdout.write(
      `${pipelineTable(steps)}\n\n${stagesTable(steps)}\n\n${jobsTable(steps)}\n\n${pipelineTotalsMarkdown(summary)}\n\nmemory: ${JSON.stringify(memory)}\n\nJSON: ${path}\n`,
    );
    if (summary.noReply > 0 || summary.extraReplies > 0 || !summary.drained) process.exitCode = 1;
  } finally {
    await platform.close();
  }
}

await main();
