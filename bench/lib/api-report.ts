/** The API read benchmark's report: Markdown tables for the terminal and README, and the JSON file. */
import { mkdir, writeFile } from 'node:fs/promises';
import type { ExplainedScenario } from './api-explain.ts';
import type { LoadResult } from './api-load.ts';
import type { SeedCounts } from './api-seed.ts';

export type SizeRun = {
  messages: number;
  workspaces: number;
  seed: SeedCounts;
  /** Table and index sizes after seeding (MB). */
  relationSizesMb: Record<string, number>;
  loadAverage: { atStart: number; atEnd: number };
  results: LoadResult[];
  plans: ExplainedScenario[];
  memory: { apiHighWaterMb: number | null; workersHighWaterMb: number | null };
};

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

export function resultsTable(run: SizeRun): string {
  const header = [
    '| scenario | operation | conc. | req/s | p50 | p95 | p99 | max | non-200 | CPU ms/req API / PG | API RSS / heap MB |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const rows = run.results.map((r) => {
    return `| ${r.scenario} | ${r.operationId} | ${r.concurrency} | ${r.perSecond} | ${r.latencyMs.p50} | ${r.latencyMs.p95} | ${r.latencyMs.p99} | ${r.latencyMs.max} | ${r.errors} | ${r.cpuMsPerRequest.api} / ${r.cpuMsPerRequest.postgres} | ${mb(r.memory.api.rss)} / ${mb(r.memory.api.heapUsed)} |`;
  });
  return [...header, ...rows].join('\n');
}

/** p99 per scenario and concurrency across the sizes run. */
export function growthTable(runs: SizeRun[]): string {
  const concurrencies = [...new Set(runs.flatMap((r) => r.results.map((x) => x.concurrency)))];
  const scenarios = [...new Set(runs.flatMap((r) => r.results.map((x) => x.scenario)))];
  const header = [
    `| endpoint | ${runs.flatMap((r) => concurrencies.map((c) => `${r.messages.toLocaleString('en')} msg, c=${c}`)).join(' | ')} |`,
    `|---|${runs.flatMap(() => concurrencies.map(() => '---:')).join('|')}|`,
  ];
  const rows = scenarios.map((s) => {
    const cells = runs.flatMap((r) =>
      concurrencies.map((c) => {
        const found = r.results.find((x) => x.scenario === s && x.concurrency === c);
        return found ? String(found.latencyMs.p99) : '';
      }),
    );
    return `| ${s} | ${cells.join(' | ')} |`;
  });
  return [...header, ...rows].join('\n');
}

export function memoryTable(runs: SizeRun[]): string {
  const header = [
    '| messages | API peak RSS | API peak heap used | API VmHWM | workers peak RSS | workers VmHWM |',
    '|---:|---:|---:|---:|---:|---:|',
  ];
  const rows = runs.map((r) => {
    const apiRss = Math.max(...r.results.map((x) => x.memory.api.rss));
    const apiHeap = Math.max(...r.results.map((x) => x.memory.api.heapUsed));
    const workersRss = Math.max(...r.results.map((x) => x.memory.workers?.rss ?? 0));
    return `| ${r.messages.toLocaleString('en')} | ${mb(apiRss)} MB | ${mb(apiHeap)} MB | ${r.memory.apiHighWaterMb ?? '?'} MB | ${mb(workersRss)} MB | ${r.memory.workersHighWaterMb ?? '?'} MB |`;
  });
  return [...header, ...rows].join('\n');
}

/** The plans, trimmed to the plan nodes (buffers and planning lines kept short). */
export function plansMarkdown(run: SizeRun): string {
  return run.plans
    .map((p) => {
      const body = p.queries
        .map((q) => `-- ${q.sql}\n${q.plan.filter((line) => !/^\s*Planning:$/.test(line)).join('\n')}`)
        .join('\n\n');
      return `#### ${p.scenario}\n\n\`\`\`\n${body}\n\`\`\``;
    })
    .join('\n\n');
}

export async function writeJson(dir: string, report: unknown): Promise<string> {
  await mkdir(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const path = `${dir}/api-${stamp}.json`;
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}
