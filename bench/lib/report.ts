/** Turns raw send results and stored rows into per-step numbers, a Markdown table and a JSON file. */
import { mkdir, writeFile } from 'node:fs/promises';
import type { CpuUse } from './cpu.ts';
import type { SendResult } from './pacer.ts';
import type { DeliveryOutcomes } from './pipeline.ts';
import { type Distribution, distribution, round } from './stats.ts';

export type StepRun = {
  targetRate: number;
  seconds: number;
  results: SendResult[];
  /** Deliveries still pending when the step's last POST was answered. */
  backlogAtEnd: number;
  /** How long the backlog took to reach 0 after the step, or null if it did not within the limit. */
  drainMs: number | null;
  eventLoopDelayP99Ms: number;
  /** While the step's POSTs were being sent and answered. */
  cpu: CpuUse;
};

export type StepReport = {
  targetRate: number;
  deliveries: number;
  duplicates: number;
  messages: number;
  achievedRate: number;
  ackMs: Distribution;
  non2xx: number;
  endToEndMs: Distribution;
  pipelineMessagesPerSecond: number;
  backlogAtEnd: number;
  drainMs: number | null;
  eventLoopDelayP99Ms: number;
  cpu: CpuUse;
};

export type Totals = {
  deliveries: number;
  duplicateDeliveries: number;
  /** Byte-identical retries (stored once by the API) and re-encoded copies (caught per message). */
  retries: number;
  reencoded: number;
  /** Distinct bodies sent: what `webhook_events` should hold. */
  distinctBodies: number;
  /** Distinct messages in deliveries the API acknowledged with a 2xx. */
  messagesAccepted: number;
  messagesStored: number;
  lostEvents: number;
  /** Message rows beyond one per distinct wamid sent (duplicates that got through). */
  extraRows: number;
  drained: boolean;
  outcomes: DeliveryOutcomes;
};

const ok = (r: SendResult) => r.status >= 200 && r.status < 300;

/** First scheduled send of each wamid in these results (duplicates never move it later). */
function firstSends(results: SendResult[]): Map<string, number> {
  const first = new Map<string, number>();
  for (const r of results) {
    if (r.delivery.kind !== 'original') continue;
    for (const wamid of r.delivery.wamids) if (!first.has(wamid)) first.set(wamid, r.scheduledAt);
  }
  return first;
}

export function summarizeStep(run: StepRun, stored: Map<string, number>): StepReport {
  const { results } = run;
  const start = Math.min(...results.map((r) => r.scheduledAt));
  const lastAck = Math.max(...results.map((r) => r.ackedAt));
  const sends = firstSends(results);
  const lags: number[] = [];
  let lastStored = start;
  for (const [wamid, sentAt] of sends) {
    const at = stored.get(wamid);
    if (at === undefined) continue;
    lags.push(at - sentAt);
    lastStored = Math.max(lastStored, at);
  }
  return {
    targetRate: run.targetRate,
    deliveries: results.length,
    duplicates: results.filter((r) => r.delivery.kind !== 'original').length,
    messages: sends.size,
    achievedRate: round(results.filter(ok).length / ((lastAck - start) / 1000)),
    ackMs: distribution(results.map((r) => r.ackedAt - r.scheduledAt)),
    non2xx: results.filter((r) => !ok(r)).length,
    endToEndMs: distribution(lags),
    pipelineMessagesPerSecond: round(lags.length / ((lastStored - start) / 1000)),
    backlogAtEnd: run.backlogAtEnd,
    drainMs: run.drainMs,
    eventLoopDelayP99Ms: run.eventLoopDelayP99Ms,
    cpu: run.cpu,
  };
}

export function totals(
  runs: StepRun[],
  stored: Map<string, number>,
  outcomes: DeliveryOutcomes,
  drained: boolean,
): Totals {
  const results = runs.flatMap((run) => run.results);
  const accepted = new Set(results.filter(ok).flatMap((r) => r.delivery.wamids));
  const sent = new Set(results.flatMap((r) => r.delivery.wamids));
  const storedOfSent = [...sent].filter((wamid) => stored.has(wamid)).length;
  return {
    deliveries: results.length,
    duplicateDeliveries: results.filter((r) => r.delivery.kind !== 'original').length,
    retries: results.filter((r) => r.delivery.kind === 'retry').length,
    reencoded: results.filter((r) => r.delivery.kind === 're-encoded').length,
    distinctBodies: new Set(results.map((r) => r.delivery.body)).size,
    messagesAccepted: accepted.size,
    messagesStored: storedOfSent,
    lostEvents: [...accepted].filter((wamid) => !stored.has(wamid)).length,
    extraRows: outcomes.messageRows - storedOfSent,
    drained,
    outcomes,
  };
}

const ms = (value: number | null) => (value === null ? 'not drained' : `${value}`);

export function markdownTable(steps: StepReport[]): string {
  const header = [
    '| target/s | deliveries (dup) | messages | achieved/s | ack p50 | ack p95 | ack p99 | ack max | non-2xx | e2e p50 | e2e p99 | e2e max | stored msg/s | backlog at end | drain ms | loop delay p99 | CPU node / machine |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const rows = steps.map((s) =>
    [
      s.targetRate,
      `${s.deliveries} (${s.duplicates})`,
      s.messages,
      s.achievedRate,
      s.ackMs.p50,
      s.ackMs.p95,
      s.ackMs.p99,
      s.ackMs.max,
      s.non2xx,
      s.endToEndMs.p50,
      s.endToEndMs.p99,
      s.endToEndMs.max,
      s.pipelineMessagesPerSecond,
      s.backlogAtEnd,
      ms(s.drainMs),
      s.eventLoopDelayP99Ms,
      `${s.cpu.processPercent}% / ${s.cpu.machinePercent}%`,
    ].join(' | '),
  );
  return [...header, ...rows.map((row) => `| ${row} |`)].join('\n');
}

export function markdownTotals(t: Totals): string {
  return [
    `- deliveries sent: ${t.deliveries}, of which duplicates: ${t.duplicateDeliveries} (${t.retries} byte-identical retries, ${t.reencoded} re-encoded)`,
    `- distinct messages accepted (2xx): ${t.messagesAccepted}, stored: ${t.messagesStored}`,
    `- **lost events: ${t.lostEvents}**${t.drained ? '' : ' (pipeline did NOT drain in time)'}`,
    `- extra message rows from duplicates: ${t.extraRows}`,
    `- webhook_events rows: ${t.outcomes.stored} for ${t.distinctBodies} distinct bodies ${JSON.stringify(t.outcomes.byStatus)}, inbound_rejects: ${t.outcomes.rejects}`,
  ].join('\n');
}

/** Writes `<dir>/<name>-<timestamp>.json`; answers its path. */
export async function writeJson(dir: string, report: unknown, name = 'inbound'): Promise<string> {
  await mkdir(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const path = `${dir}/${name}-${stamp}.json`;
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}
