/**
 * Load test of the inbound webhook pipeline (issue 4): signed, realistic WhatsApp deliveries are
 * POSTed open loop at increasing rates to a platform started here on a scratch database, and we
 * measure how fast the API acknowledges them, how long until each message row exists, and whether
 * any accepted event is lost or duplicated. Why a script and not a test: it takes minutes and its
 * numbers depend on the machine, so it is run by hand (`npm run -s bench:inbound`), never by
 * `npm test`. Options: `--rates 50,100,200,400 --seconds 10 --customers 300
 * --workspaces 1` (more workspaces spread the same traffic over several connected numbers).
 */
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { measureCpu } from './lib/cpu.ts';
import { sendOpenLoop } from './lib/pacer.ts';
import { deliveryOutcomes, pendingCount, storedMessages, waitForDrain } from './lib/pipeline.ts';
import { type Platform, startPlatform } from './lib/platform.ts';
import {
  markdownTable,
  markdownTotals,
  type StepRun,
  summarizeStep,
  totals,
  writeJson,
} from './lib/report.ts';
import { makeCustomers, TrafficGenerator } from './lib/traffic.ts';

/** Per step: let the backlog clear so each step's end-to-end numbers are its own. */
const STEP_DRAIN_MS = 20_000;
const FINAL_DRAIN_MS = 45_000;
const RESULTS_DIR = new URL('./results', import.meta.url).pathname;

type Options = { rates: number[]; seconds: number; customers: number; workspaces: number };

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      rates: { type: 'string', default: '50,100,200,400' },
      seconds: { type: 'string', default: '10' },
      customers: { type: 'string', default: '300' },
      workspaces: { type: 'string', default: '1' },
    },
  });
  const rates = values.rates.split(',').map(Number);
  const seconds = Number(values.seconds);
  const customers = Number(values.customers);
  const workspaces = Number(values.workspaces);
  if (
    rates.some((r) => !(r > 0)) ||
    !(seconds > 0) ||
    !(customers > 0) ||
    !(Number.isInteger(workspaces) && workspaces >= 1)
  ) {
    throw new Error('--rates, --seconds, --customers and --workspaces take positive numbers');
  }
  return { rates, seconds, customers, workspaces };
}

async function runStep(
  platform: Platform,
  traffic: TrafficGenerator,
  rate: number,
  seconds: number,
): Promise<StepRun> {
  const deliveries = traffic.deliveries(Math.round(rate * seconds));
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const cpu = measureCpu();
  const results = await sendOpenLoop(platform.webhookUrl, deliveries, rate);
  const cpuWhileSending = cpu();
  loopDelay.disable();
  const backlogAtEnd = await pendingCount(platform.ownerDb);
  const drainMs = await waitForDrain(platform.ownerDb, STEP_DRAIN_MS);
  process.stderr.write(`  ${rate}/s: ${results.length} sent, backlog ${backlogAtEnd}, drain ${drainMs} ms\n`);
  return {
    targetRate: rate,
    seconds,
    results,
    backlogAtEnd,
    drainMs,
    eventLoopDelayP99Ms: Math.round(loopDelay.percentile(99) / 1e6),
    cpu: cpuWhileSending,
  };
}

/** Other work on the machine skews every number: say so up front. */
function warnIfBusy(): number {
  const [oneMinute = 0] = loadavg();
  if (oneMinute > availableParallelism()) {
    process.stderr.write(
      `  warning: load average ${oneMinute.toFixed(1)} on ${availableParallelism()} cores\n`,
    );
  }
  return Math.round(oneMinute * 10) / 10;
}

async function machine(platform: Platform, loadAverageAtStart: number) {
  const pg = await platform.ownerDb.raw<{ rows: Array<{ server_version: string }> }>('show server_version');
  return {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres: pg.rows[0]?.server_version ?? 'unknown',
    loadAverageAtStart,
  };
}

async function main() {
  const options = parseOptions();
  const loadAverageAtStart = warnIfBusy();
  const platform = await startPlatform(options.workspaces);
  try {
    const { config, sandbox, targets } = platform;
    const workspaceIds = targets.map((t) => t.workspaceId);
    const traffic = new TrafficGenerator(
      sandbox,
      targets.map((t) => t.phoneNumberId),
      config.meta.appSecret,
      makeCustomers(options.customers),
    );
    process.stderr.write(
      `inbound bench: rates ${options.rates.join(', ')}/s, ${options.seconds} s each, ${options.workspaces} workspace(s)\n`,
    );
    const runs: StepRun[] = [];
    for (const rate of options.rates) runs.push(await runStep(platform, traffic, rate, options.seconds));
    const drained = (await waitForDrain(platform.ownerDb, FINAL_DRAIN_MS)) !== null;
    const stored = await storedMessages(platform.ownerDb, workspaceIds);
    const outcomes = await deliveryOutcomes(platform.ownerDb, workspaceIds);
    const steps = runs.map((run) => summarizeStep(run, stored));
    const summary = totals(runs, stored, outcomes, drained);
    const report = {
      at: new Date().toISOString(),
      options,
      machine: await machine(platform, loadAverageAtStart),
      steps,
      summary,
    };
    const path = await writeJson(RESULTS_DIR, report);
    process.stdout.write(`${markdownTable(steps)}\n\n${markdownTotals(summary)}\n\nJSON: ${path}\n`);
    if (summary.lostEvents > 0 || summary.extraRows !== 0 || !drained) process.exitCode = 1;
  } finally {
    await platform.close();
  }
}

await main();
