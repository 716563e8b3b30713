/**
 * What became of each customer message, end to end: when its webhook was scheduled (load
 * generator), when the sandbox accepted the reply's send (`SentMessage.at`, by the reply's
 * `context.message_id` = the customer's wamid), and when the `delivered` status was recorded (the
 * `message.delivered` event row, written in the status transaction). Counts replies per message,
 * so a duplicate send shows, and reads the drafts' states so a held draft shows too.
 */
import type { Knex } from '@laras/core';
import type { MetaSandbox } from '@laras/meta-sandbox';
import type { Queues } from '@laras/workers';
import { type Distribution, distribution } from './stats.ts';

export type Reply = { count: number; firstAt: number };

/** The sandbox's accepted WhatsApp sends, by the customer message they answer. */
export function repliesByWamid(sandbox: MetaSandbox): Map<string, Reply> {
  const replies = new Map<string, Reply>();
  for (const sent of sandbox.state.sentMessages('whatsapp')) {
    if (!sent.replyTo) continue;
    const at = Date.parse(sent.at);
    const known = replies.get(sent.replyTo);
    if (known) {
      known.count += 1;
      known.firstAt = Math.min(known.firstAt, at);
    } else replies.set(sent.replyTo, { count: 1, firstAt: at });
  }
  return replies;
}

export type MessageFate = {
  /** messages.created_at of the customer message: stored by a worker. */
  storedAt: number;
  /** drafts.created_at: drafted, classified and decided (the draft's transaction began). */
  draftedAt: number | null;
  drafts: number;
  draftState: string | null;
  decision: string | null;
  /** drafts.sent_at: Meta's answer recorded (after the sandbox accepted the send). */
  sentRecordedAt: number | null;
  replyStatus: string | null;
  deliveredAt: number | null;
};

type FateRow = {
  wamid: string;
  stored_at: Date;
  drafted_at: Date | null;
  drafts: string;
  draft_state: string | null;
  decision: string | null;
  sent_at: Date | null;
  reply_status: string | null;
  delivered_at: Date | null;
};

/** Drafts, reply and `delivered` time of every customer message of these workspaces, by wamid. */
export async function messageFates(db: Knex, workspaceIds: string[]): Promise<Map<string, MessageFate>> {
  const { rows } = await db.raw<{ rows: FateRow[] }>(
    `
    with delivered as (
      select partner_id, workspace_id, data->>'message_id' as message_id, min(created_at) as at
        from events
       where type = 'message.delivered' and workspace_id = any(?)
       group by 1, 2, 3
    ), drafted as (
      select partner_id, workspace_id, message_id, count(*) as n,
             (array_agg(id order by created_at desc))[1] as last_id
        from drafts
       where workspace_id = any(?)
       group by 1, 2, 3
    )
    select im.provider_message_id as wamid, im.created_at as stored_at, d.created_at as drafted_at,
           coalesce(dr.n, 0) as drafts, d.state as draft_state,
           d.decision->>'action' as decision, d.sent_at, om.status as reply_status, dl.at as delivered_at
      from messages im
      left join drafted dr
        on dr.partner_id = im.partner_id and dr.workspace_id = im.workspace_id and dr.message_id = im.id
      left join drafts d on d.id = dr.last_id
      left join messages om on om.id = d.sent_message_id
      left join delivered dl
        on dl.partner_id = om.partner_id and dl.workspace_id = om.workspace_id and dl.message_id = om.id
     where im.direction = 'inbound' and im.workspace_id = any(?)
    `,
    [workspaceIds, workspaceIds, workspaceIds],
  );
  return new Map(
    rows.map((row) => [
      row.wamid,
      {
        storedAt: row.stored_at.getTime(),
        draftedAt: row.drafted_at?.getTime() ?? null,
        drafts: Number(row.drafts),
        draftState: row.draft_state,
        decision: row.decision,
        sentRecordedAt: row.sent_at?.getTime() ?? null,
        replyStatus: row.reply_status,
        deliveredAt: row.delivered_at?.getTime() ?? null,
      },
    ]),
  );
}

/** Jobs waiting / running / delayed per queue, and deliveries the API stored that no worker took yet. */
export async function backlog(db: Knex, queues: Queues) {
  const [pending, inbound, drafting, sending] = await Promise.all([
    db('webhook_events').where({ status: 'pending' }).count<{ count: string }>('* as count').first(),
    queues.inbound.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
    queues.drafting.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
    queues.sending.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
  ]);
  const open = (c: Record<string, number>) =>
    (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0);
  return {
    pendingDeliveries: Number(pending?.count ?? 0),
    inboundJobs: open(inbound),
    draftingJobs: open(drafting),
    sendingJobs: open(sending),
  };
}
export type Backlog = Awaited<ReturnType<typeof backlog>>;

export type JobTimings = { jobs: number; waitMs: Distribution; runMs: Distribution };

/**
 * How long jobs of each kind waited in their queue (added → taken) and ran (taken → finished),
 * from BullMQ's own timestamps on the completed jobs kept in Redis (the last 1000 of each queue),
 * for those finished between `from` and `to` (wall clock).
 */
export async function jobTimings(queues: Queues, from: number, to: number) {
  const out: Record<string, JobTimings> = {};
  for (const name of ['inbound', 'drafting', 'sending'] as const) {
    const jobs = await queues[name].getJobs(['completed'], 0, 999);
    const byName = new Map<string, { wait: number[]; run: number[] }>();
    for (const job of jobs) {
      const { processedOn, finishedOn, timestamp } = job;
      if (!processedOn || !finishedOn || finishedOn < from || finishedOn > to) continue;
      const entry = byName.get(job.name) ?? { wait: [], run: [] };
      entry.wait.push(processedOn - timestamp);
      entry.run.push(finishedOn - processedOn);
      byName.set(job.name, entry);
    }
    for (const [job, { wait, run }] of byName) {
      out[job] = { jobs: wait.length, waitMs: distribution(wait), runMs: distribution(run) };
    }
  }
  return out;
}
