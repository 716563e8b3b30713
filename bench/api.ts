/**
 * Read benchmark of the `/v1` list and get endpoints (issue 7, benchmark 3, and the memory part of
 * 4): a scratch database seeded in SQL with up to a million messages over a thousand workspaces,
 * the real API and workers in their own processes, a closed-loop client at a few concurrencies
 * over random workspaces, the query plans of every endpoint (explained as the app role under the
 * tenant's row-level security), the same at smaller sizes to see how cost grows, and the resident
 * size of the API and workers throughout. A script, not a test: `npm run -s bench:api`.
 *
 * Options: `--messages 10000,100000,1000000` (one run per size, each on a fresh database),
 * `--workspaces 1000` (at the largest size; smaller sizes keep the messages per workspace and
 * scale the workspaces down, at least 10), `--conversations 20` (per workspace),
 * `--concurrency 1,4,16`, `--seconds 5` (per scenario and concurrency), `--no-workers`,
 * `--only listDrafts,getDraft` (scenarios whose name contains one of these), `--cpu-prof DIR`
 * (the API process's V8 CPU profile, written to DIR when it stops), `--env NAME=VALUE,…` (more
 * environment for the API and workers, e.g. `DATABASE_PREPARED_STATEMENTS=0` to compare).
 */
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { createPartner } from '@laras/core/operator';
import { type ExplainedScenario, explainScenario } from './lib/api-explain.ts';
import { ApiClient, checkTargets, type LoadResult, runClosedLoop } from './lib/api-load.ts';
import {
  createScratch,
  type PlatformProcess,
  removeScratch,
  type Scratch,
  startProcess,
} from './lib/api-platform.ts';
import {
  growthTable,
  memoryTable,
  plansMarkdown,
  resultsTable,
  type SizeRun,
  writeJson,
} from './lib/api-report.ts';
import { buildScenarios } from './lib/api-scenarios.ts';
import { seed } from './lib/api-seed.ts';
import { parseEnvPairs } from './lib/child-process.ts';

const RESULTS_DIR = new URL('./results', import.meta.url).pathname;

type Options = {
  messages: number[];
  workspaces: number;
  conversations: number;
  concurrency: number[];
  seconds: number;
  workers: boolean;
  /** Only the scenarios whose name contains one of these. */
  only: string[];
  /** Where to write the API process's V8 CPU profile, if anywhere. */
  cpuProfile: string | undefined;
  /** More environment for the API and workers processes. */
  env: Record<string, string>;
};

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      messages: { type: 'string', default: '10000,100000,1000000' },
      workspaces: { type: 'string', default: '1000' },
      conversations: { type: 'string', default: '20' },
      concurrency: { type: 'string', default: '1,4,16' },
      seconds: { type: 'string', default: '5' },
      'no-workers': { type: 'boolean', default: false },
      only: { type: 'string', default: '' },
      'cpu-prof': { type: 'string' },
      env: { type: 'string', default: '' },
    },
  });
  const messages = values.messages.split(',').map(Number);
  const concurrency = values.concurrency.split(',').map(Number);
  const options = {
    messages,
    workspaces: Number(values.workspaces),
    conversations: Number(values.conversations),
    concurrency,
    seconds: Number(values.seconds),
    workers: !values['no-workers'],
    only: values.only.split(',').filter(Boolean),
    cpuProfile: values['cpu-prof'],
    env: parseEnvPairs(values.env.split(',').filter(Boolean)),
  };
  const positiveInt = (n: number) => Number.isInteger(n) && n > 0;
  if (
    !messages.every(positiveInt) ||
    !concurrency.every(positiveInt) ||
    !positiveInt(options.workspaces) ||
    !positiveInt(options.conversations) ||
    !(options.seconds > 0)
  ) {
    throw new Error(
      '--messages, --workspaces, --conversations, --concurrency and --seconds take positive numbers',
    );
  }
  return options;
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const load1 = () => Math.round((loadavg()[0] ?? 0) * 10) / 10;

/** What is running now, so Ctrl-C or a failure can stop it and remove the scratch database. */
const running: { scratch?: Scratch; processes: PlatformProcess[] } = { processes: [] };

let cleaning: Promise<void> | null = null;
let interrupted = false;

/**
 * Stops what is running and removes the scratch database. A call while one is under way (Ctrl-C
 * makes the run fail too, and its `finally` cleans up as well) waits for that one.
 */
function cleanUp(): Promise<void> {
  if (!cleaning) {
    const { scratch, processes } = running;
    running.scratch = undefined;
    running.processes = [];
    cleaning = (async () => {
      await Promise.allSettled(processes.map((p) => p.stop()));
      if (scratch) await removeScratch(scratch);
    })().finally(() => {
      cleaning = null;
    });
  }
  return cleaning;
}

async function runSize(options: Options, messages: number, workspaces: number): Promise<SizeRun> {
  const atStart = load1();
  log(`\n== ${messages.toLocaleString('en')} messages, ${workspaces} workspaces (load average ${atStart})`);
  const scratch = await createScratch();
  running.scratch = scratch;
  const { partnerId, secret } = await createPartner(scratch.ownerDb, { name: 'Bench Agency' });
  log(`  seeding ${scratch.ownerUrl.replace(/^.*\//, '')} …`);
  const counts = await seed(scratch.ownerDb, {
    partnerId,
    workspaces,
    conversationsPerWorkspace: options.conversations,
    messages,
  });
  log(`  seeded ${JSON.stringify(counts)}`);
  const sizes: Array<{ name: string; mb: number }> = (
    await scratch.ownerDb.raw(
      `select relname as name, round(pg_total_relation_size(oid) / 1048576.0)::int as mb from pg_class
        where relname in ('messages', 'drafts', 'evidence_records', 'conversations', 'contacts')`,
    )
  ).rows;

  const api = await startProcess(scratch, 'api', { cpuProfileDir: options.cpuProfile, env: options.env });
  running.processes.push(api);
  const workers = options.workers ? await startProcess(scratch, 'workers', { env: options.env }) : null;
  if (workers) running.processes.push(workers);
  const client = new ApiClient(api.url ?? '', secret);
  const scenarios = (await buildScenarios(scratch.ownerDb, partnerId)).filter(
    (s) => options.only.length === 0 || options.only.some((name) => s.name.includes(name)),
  );
  for (const scenario of scenarios) await checkTargets(client, scenario);

  const results: LoadResult[] = [];
  for (const scenario of scenarios) {
    for (const [i, concurrency] of options.concurrency.entries()) {
      const result = await runClosedLoop(
        client,
        scenario,
        concurrency,
        options.seconds,
        { api, workers },
        i === 0 ? 100 : 20,
        scratch.ownerDb,
      );
      results.push(result);
      log(
        `  ${scenario.name.padEnd(32)} c=${String(concurrency).padStart(2)} ${String(result.perSecond).padStart(6)}/s p50 ${result.latencyMs.p50} p99 ${result.latencyMs.p99} max ${result.latencyMs.max} ms, errors ${result.errors}, CPU/req API ${result.cpuMsPerRequest.api} PG ${result.cpuMsPerRequest.postgres} ms, API RSS ${Math.round(result.memory.api.rss / 2 ** 20)} MB`,
      );
    }
  }
  const plans: ExplainedScenario[] = [];
  for (const scenario of scenarios) plans.push(await explainScenario(scratch.appDb, partnerId, scenario));
  for (const p of plans) {
    const flagged = p.queries.flatMap((q) => q.flags);
    log(
      `  plan ${p.scenario}: ${p.queries.map((q) => `${q.executionMs} ms`).join(' + ')}${flagged.length ? ` [${flagged.join(', ')}]` : ''}`,
    );
  }
  const apiHighWater = await api.highWaterMark();
  const workersHighWater = workers ? await workers.highWaterMark() : null;
  const atEnd = load1();
  await cleanUp();
  return {
    messages,
    workspaces,
    seed: counts,
    relationSizesMb: Object.fromEntries(sizes.map((s) => [s.name, s.mb])),
    loadAverage: { atStart, atEnd },
    results,
    plans,
    memory: {
      apiHighWaterMb: apiHighWater === null ? null : Math.round(apiHighWater / 2 ** 20),
      workersHighWaterMb: workersHighWater === null ? null : Math.round(workersHighWater / 2 ** 20),
    },
  };
}

async function main(): Promise<void> {
  const options = parseOptions();
  const stop = (signal: NodeJS.Signals) => {
    interrupted = true;
    log(`\n${signal}: stopping the platform and removing the scratch database …`);
    cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  const largest = Math.max(...options.messages);
  const runs: SizeRun[] = [];
  try {
    for (const messages of [...options.messages].sort((a, b) => a - b)) {
      const workspaces = Math.max(10, Math.round((options.workspaces * messages) / largest));
      runs.push(await runSize(options, messages, Math.min(workspaces, options.workspaces)));
    }
  } finally {
    await cleanUp();
  }
  const report = {
    at: new Date().toISOString(),
    options,
    machine: {
      cores: availableParallelism(),
      cpu: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    runs,
  };
  const path = await writeJson(RESULTS_DIR, report);
  const last = runs.at(-1);
  process.stdout.write(
    [
      ...runs.map((r) => `### ${r.messages.toLocaleString('en')} messages\n\n${resultsTable(r)}`),
      `### p99 (ms) by size\n\n${growthTable(runs)}`,
      `### Memory\n\n${memoryTable(runs)}`,
      last ? `### Plans at ${last.messages.toLocaleString('en')} messages\n\n${plansMarkdown(last)}` : '',
      `JSON: ${path}`,
    ].join('\n\n'),
  );
  process.stdout.write('\n');
}

await main().catch(async (error: unknown) => {
  // After Ctrl-C the run fails on its stopped processes: wait for the cleanup, not for the error.
  if (!interrupted) throw error;
  await cleanUp();
  process.exit(130);
});
