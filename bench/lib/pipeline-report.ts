/** Per-step numbers of the pipeline bench, its totals, and their Markdown. */
import type { SendResult } from './pacer.ts';
import type { Backlog, JobTimings, MessageFate, Reply } from './pipeline-measure.ts';
import { type Distribution, distribution, round } from './stats.ts';

export type PipelineStepRun = {
  targetRate: number;
  seconds: number;
  results: SendResult[];
  /** Wall clock: first scheduled POST, last POST answered, replies caught up (or gave up). */
  startedAt: number;
  sendingEndedAt: number;
  drainedAt: number;
  /** Messages of this and earlier steps still without a reply when the last POST was answered. */
  unrepliedAtEnd: number;
  backlogAtEnd: Backlog;
  /** ms until every accepted message had its reply, or null if not within the limit. */
  drainMs: number | null;
  loadAverage: number;
  eventLoopDelayP99Ms: number;
  /** % of one core per process group while sending; machine in % of all cores. */
  cpu: Record<string, number>;
  /** RSS of the children from the step's start until it drained. */
  rss: Record<string, { maxMiB: number; meanMiB: number }>;
  /** Queue wait and run time per job kind, for jobs finished during the step and its drain. */
  jobs: Record<string, JobTimings>;
};

export type PipelineStepReport = {
  targetRate: number;
  deliveries: number;
  duplicates: number;
  messages: number;
  ackRate: number;
  ackMs: Distribution;
  non2xx: number;
  /** Replies the sandbox accepted while the step's POSTs were going out, per second (any step's). */
  sentPerSecond: number;
  /** `delivered` recorded while the step's POSTs were going out, per second. */
  deliveredPerSecond: number;
  /** This step's messages / (their last reply − step start). */
  completionPerSecond: number;
  webhookToSendMs: Distribution;
  webhookToDeliveredMs: Distribution;
  /** Where the time goes: webhook → message stored → draft stored → send accepted → delivered recorded. */
  stagesMs: { stored: Distribution; drafted: Distribution; sent: Distribution; delivered: Distribution };
  replied: number;
  delivered: number;
  unrepliedAtEnd: number;
  backlogAtEnd: Backlog;
  drainMs: number | null;
  loadAverage: number;
  eventLoopDelayP99Ms: number;
  cpu: Record<string, number>;
  rss: Record<string, { maxMiB: number; meanMiB: number }>;
  jobs: Record<string, JobTimings>;
};

const ok = (r: SendResult) => r.status >= 200 && r.status < 300;

/** First scheduled send of each wamid first sent in these results. */
function firstSends(results: SendResult[]): Map<string, number> {
  const first = new Map<string, number>();
  for (const r of results) {
    if (r.delivery.kind !== 'original') continue;
    for (const wamid of r.delivery.wamids) if (!first.has(wamid)) first.set(wamid, r.scheduledAt);
  }
  return first;
}

export function summarizePipelineStep(
  run: PipelineStepRun,
  replies: Map<string, Reply>,
  fates: Map<string, MessageFate>,
): PipelineStepReport {
  const { results, startedAt, sendingEndedAt } = run;
  const sends = firstSends(results);
  const toSend: number[] = [];
  const toDelivered: number[] = [];
  const stages = {
    stored: [] as number[],
    drafted: [] as number[],
    sent: [] as number[],
    delivered: [] as number[],
  };
  let lastReply = startedAt;
  for (const [wamid, scheduledAt] of sends) {
    const reply = replies.get(wamid);
    const fate = fates.get(wamid);
    if (reply) {
      toSend.push(reply.firstAt - scheduledAt);
      lastReply = Math.max(lastReply, reply.firstAt);
    }
    if (fate?.deliveredAt != null) toDelivered.push(fate.deliveredAt - scheduledAt);
    if (!fate) continue;
    stages.stored.push(fate.storedAt - scheduledAt);
    if (fate.draftedAt === null) continue;
    stages.drafted.push(fate.draftedAt - fate.storedAt);
    if (!reply) continue;
    stages.sent.push(reply.firstAt - fate.draftedAt);
    if (fate.deliveredAt !== null) stages.delivered.push(fate.deliveredAt - reply.firstAt);
  }
  const window = (sendingEndedAt - startedAt) / 1000;
  const inWindow = (at: number | null | undefined) => at != null && at >= startedAt && at <= sendingEndedAt;
  const sentInWindow = [...replies.values()].filter((r) => inWindow(r.firstAt)).length;
  const deliveredInWindow = [...fates.values()].filter((f) => inWindow(f.deliveredAt)).length;
  const lastAck = Math.max(...results.map((r) => r.ackedAt));
  return {
    targetRate: run.targetRate,
    deliveries: results.length,
    duplicates: results.filter((r) => r.delivery.kind !== 'original').length,
    messages: sends.size,
    ackRate: round(results.filter(ok).length / ((lastAck - startedAt) / 1000)),
    ackMs: distribution(results.map((r) => r.ackedAt - r.scheduledAt)),
    non2xx: results.filter((r) => !ok(r)).length,
    sentPerSecond: round(sentInWindow / window),
    deliveredPerSecond: round(deliveredInWindow / window),
    completionPerSecond: round(toSend.length / ((lastReply - startedAt) / 1000)),
    webhookToSendMs: distribution(toSend),
    webhookToDeliveredMs: distribution(toDelivered),
    stagesMs: {
      stored: distribution(stages.stored),
      drafted: distribution(stages.drafted),
      sent: distribution(stages.sent),
      delivered: distribution(stages.delivered),
    },
    replied: toSend.length,
    delivered: toDelivered.length,
    unrepliedAtEnd: run.unrepliedAtEnd,
    backlogAtEnd: run.backlogAtEnd,
    drainMs: run.drainMs,
    loadAverage: run.loadAverage,
    eventLoopDelayP99Ms: run.eventLoopDelayP99Ms,
    cpu: run.cpu,
    rss: run.rss,
    jobs: run.jobs,
  };
}

export type PipelineTotals = {
  deliveries: number;
  duplicateDeliveries: number;
  non2xx: number;
  /** Distinct customer messages in 2xx-acknowledged deliveries: each must get one reply. */
  messagesAccepted: number;
  messagesStored: number;
  repliedOnce: number;
  /** Accepted messages with no reply at the end (lost). */
  noReply: number;
  /** Messages answered more than once, and the extra sends. */
  repliedTwiceOrMore: number;
  extraReplies: number;
  /** Messages with more than one draft row. */
  extraDrafts: number;
  delivered: number;
  decisions: Record<string, number>;
  draftStates: Record<string, number>;
  replyStatuses: Record<string, number>;
  webhookEvents: Record<string, number>;
  inboundRejects: number;
  drained: boolean;
};

function tally(values: Array<string | null>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const value of values) out[value ?? 'none'] = (out[value ?? 'none'] ?? 0) + 1;
  return out;
}

export function pipelineTotals(
  runs: PipelineStepRun[],
  replies: Map<string, Reply>,
  fates: Map<string, MessageFate>,
  extra: { webhookEvents: Record<string, number>; inboundRejects: number; drained: boolean },
): PipelineTotals {
  const results = runs.flatMap((run) => run.results);
  const accepted = new Set(results.filter(ok).flatMap((r) => r.delivery.wamids));
  const acceptedFates = [...accepted].map((wamid) => fates.get(wamid));
  const acceptedReplies = [...accepted].map((wamid) => replies.get(wamid));
  return {
    deliveries: results.length,
    duplicateDeliveries: results.filter((r) => r.delivery.kind !== 'original').length,
    non2xx: results.filter((r) => !ok(r)).length,
    messagesAccepted: accepted.size,
    messagesStored: acceptedFates.filter(Boolean).length,
    repliedOnce: acceptedReplies.filter((r) => r?.count === 1).length,
    noReply: acceptedReplies.filter((r) => !r).length,
    repliedTwiceOrMore: acceptedReplies.filter((r) => (r?.count ?? 0) > 1).length,
    extraReplies: acceptedReplies.reduce((sum, r) => sum + Math.max(0, (r?.count ?? 0) - 1), 0),
    extraDrafts: acceptedFates.filter((f) => (f?.drafts ?? 0) > 1).length,
    delivered: acceptedFates.filter((f) => f?.deliveredAt != null).length,
    decisions: tally(acceptedFates.map((f) => f?.decision ?? null)),
    draftStates: tally(acceptedFates.map((f) => f?.draftState ?? null)),
    replyStatuses: tally(acceptedFates.map((f) => f?.replyStatus ?? null)),
    webhookEvents: extra.webhookEvents,
    inboundRejects: extra.inboundRejects,
    drained: extra.drained,
  };
}

const ms = (value: number | null) => (value === null ? 'not drained' : `${value}`);
const dist = (d: Distribution) => `${d.p50} / ${d.p95} / ${d.p99} / ${d.max}`;

export function pipelineTable(steps: PipelineStepReport[]): string {
  const header = [
    '| target/s | messages (dup deliveries) | ack p99 ms | non-2xx | sent/s | delivered/s | completion/s | webhook→send p50 / p95 / p99 / max ms | webhook→delivered p50 / p95 / p99 / max ms | unreplied at end (pending deliveries / jobs inbound, drafting, sending) | drain ms | CPU % api / workers / postgres / redis / loadgen / machine | RSS max MiB api / workers | load avg |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const rows = steps.map((s) => {
    const b = s.backlogAtEnd;
    const c = s.cpu;
    return [
      s.targetRate,
      `${s.messages} (${s.duplicates})`,
      s.ackMs.p99,
      s.non2xx,
      s.sentPerSecond,
      s.deliveredPerSecond,
      s.completionPerSecond,
      dist(s.webhookToSendMs),
      dist(s.webhookToDeliveredMs),
      `${s.unrepliedAtEnd} (${b.pendingDeliveries} / ${b.inboundJobs}, ${b.draftingJobs}, ${b.sendingJobs})`,
      ms(s.drainMs),
      `${c.api} / ${c.workers} / ${c.postgres} / ${c.redis} / ${c.loadgen} / ${c.machine}`,
      `${s.rss.api?.maxMiB ?? '?'} / ${s.rss.workers?.maxMiB ?? '?'}`,
      s.loadAverage,
    ].join(' | ');
  });
  return [...header, ...rows.map((row) => `| ${row} |`)].join('\n');
}

/** Median and p95 of each stage: where a message's time goes. */
export function stagesTable(steps: PipelineStepReport[]): string {
  const header = [
    '| target/s | webhook → stored p50 / p95 | stored → drafted p50 / p95 | drafted → send accepted p50 / p95 | send → delivered recorded p50 / p95 |',
    '|---:|---:|---:|---:|---:|',
  ];
  const pair = (d: Distribution) => `${d.p50} / ${d.p95}`;
  const rows = steps.map((s) =>
    [
      s.targetRate,
      pair(s.stagesMs.stored),
      pair(s.stagesMs.drafted),
      pair(s.stagesMs.sent),
      pair(s.stagesMs.delivered),
    ].join(' | '),
  );
  return [...header, ...rows.map((row) => `| ${row} |`)].join('\n');
}

/** Queue wait and run time (p50 / p95 ms) of each job kind per step. */
export function jobsTable(steps: PipelineStepReport[]): string {
  const kinds = ['process-webhook-event', 'sweep-webhook-events', 'draft-reply', 'send-draft', 'sweep-sends'];
  const header = [
    `| target/s | ${kinds.map((k) => `${k} n, wait p50/p95, run p50/p95`).join(' | ')} |`,
    `|---:|${kinds.map(() => '---:').join('|')}|`,
  ];
  const cell = (t: JobTimings | undefined) =>
    t ? `${t.jobs}, ${t.waitMs.p50}/${t.waitMs.p95}, ${t.runMs.p50}/${t.runMs.p95}` : '–';
  const rows = steps.map((s) => [s.targetRate, ...kinds.map((k) => cell(s.jobs[k]))].join(' | '));
  return [...header, ...rows.map((row) => `| ${row} |`)].join('\n');
}

export function pipelineTotalsMarkdown(t: PipelineTotals): string {
  return [
    `- deliveries: ${t.deliveries} (${t.duplicateDeliveries} duplicates), non-2xx: ${t.non2xx}`,
    `- customer messages accepted: ${t.messagesAccepted}, stored: ${t.messagesStored}`,
    `- **replied exactly once: ${t.repliedOnce}; no reply (lost): ${t.noReply}; replied more than once: ${t.repliedTwiceOrMore} (${t.extraReplies} extra sends)**${t.drained ? '' : ' (did NOT drain in time)'}`,
    `- delivered recorded: ${t.delivered}; messages with more than one draft: ${t.extraDrafts}`,
    `- decisions ${JSON.stringify(t.decisions)}, draft states ${JSON.stringify(t.draftStates)}, reply statuses ${JSON.stringify(t.replyStatuses)}`,
    `- webhook_events ${JSON.stringify(t.webhookEvents)}, inbound_rejects: ${t.inboundRejects}`,
  ].join('\n');
}
