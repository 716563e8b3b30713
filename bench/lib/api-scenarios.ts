/**
 * What the read benchmark asks for: one scenario per endpoint and page depth, each with a pool of
 * targets sampled at random from the seeded data (random workspaces, threads, drafts), and the
 * same request as a call of the core service, so its SQL can be captured and explained.
 * Cursors for deep pages are built the way the API builds them (the format is opaque to callers,
 * not to us): a page near the end of a long thread, the last page of a workspace's evidence.
 */
import type { Knex } from '@laras/core';
import {
  getConversation,
  ListConversationsQuerySchema,
  ListMessagesQuerySchema,
  listConversations,
  listMessages,
} from '@laras/core/conversations';
import { getDraft, ListDraftsQuerySchema, listDrafts } from '@laras/core/drafts';
import { ListEvidenceQuerySchema, listEvidence } from '@laras/core/evidence';
import { getWorkspace, ListWorkspacesQuerySchema, listWorkspaces } from '@laras/core/workspaces';

export type Target = {
  workspaceId: string;
  /** Path and query string. */
  path: string;
  /** The service call the API makes for this request. */
  call: (db: Knex) => Promise<unknown>;
};

export type Scenario = {
  name: string;
  operationId: string;
  /** What makes the request interesting (for the report). */
  note: string;
  targets: Target[];
  /** The target whose plan goes in the report: the heaviest of the pool where that differs. */
  explainTarget: Target;
};

const SAMPLE = 500;

const timeCursor = (at: Date, id: string) =>
  Buffer.from(`t1|${at.toISOString()}|${id}`).toString('base64url');
const idCursor = (id: string) => Buffer.from(`v1:${id}`).toString('base64url');
const seqCursor = (seq: number) => Buffer.from(`e1:${seq}`).toString('base64url');

function queryString(query: Record<string, string | number | undefined>): string {
  const entries = Object.entries(query).filter((e): e is [string, string | number] => e[1] !== undefined);
  return entries.length
    ? `?${new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)]))}`
    : '';
}

type ThreadRow = { workspace_id: string; id: string; n: number };

/** Samples targets from the seeded data (as the owner) and builds every scenario. */
export async function buildScenarios(db: Knex, partnerId: string): Promise<Scenario[]> {
  const partner = { partnerId };
  const ws = (workspaceId: string) => ({ partnerId, workspaceId });

  const workspaceIds: string[] =
    (await db('workspaces').orderByRaw('random()').limit(SAMPLE).pluck('id')) ?? [];
  const threads: ThreadRow[] = (
    await db.raw(`select c.workspace_id, c.id, count(m.id)::int as n
                    from (select * from conversations order by random() limit ${SAMPLE}) c
                    join messages m on m.conversation_id = c.id group by c.workspace_id, c.id`)
  ).rows;
  // Long threads (the top 2% by size) and a cursor 90% of the way down each: a deep page.
  const deep: Array<ThreadRow & { at: Date; mid: string }> = (
    await db.raw(
      `with sized as (
                    select workspace_id, conversation_id as id, count(*)::int as n from messages
                     group by workspace_id, conversation_id),
                  long as (select * from sized where n >= 100 order by n desc limit greatest(10, (select count(*) / 50 from sized)))
                  select l.workspace_id, l.id, l.n, p.sent_at as at, p.id as mid from long l
                  cross join lateral (select sent_at, id from messages
                    where partner_id = ? and workspace_id = l.workspace_id and conversation_id = l.id
                    order by sent_at desc, id desc offset (l.n * 9 / 10) limit 1) p`,
      [partnerId],
    )
  ).rows;
  const activity: Array<{ workspace_id: string; id: string; at: Date }> = (
    await db.raw(`select workspace_id, id, last_message_at as at from (
                    select *, row_number() over (partition by workspace_id order by last_message_at desc, id desc) as pos
                      from conversations) c where pos = 10 order by random() limit ${SAMPLE}`)
  ).rows;
  const draftRows: Array<{ workspace_id: string; id: string }> = await db('drafts')
    .select('workspace_id', 'id')
    .orderByRaw('random()')
    .limit(SAMPLE);
  const evidenceHeads: Array<{ workspace_id: string; head: number }> = (
    await db.raw(`select workspace_id, max(seq) as head from evidence_records
                   group by workspace_id order by random() limit ${SAMPLE}`)
  ).rows;
  const biggest = [...threads].sort((a, b) => b.n - a.n)[0];
  if (
    !biggest ||
    deep.length === 0 ||
    workspaceIds.length === 0 ||
    activity.length === 0 ||
    draftRows.length === 0
  ) {
    throw new Error('the seeded data is too small to sample targets from');
  }

  const workspacePage = (workspaceId: string, cursor?: string): Target => {
    const query = ListWorkspacesQuerySchema.parse({ cursor });
    return {
      workspaceId,
      path: `/v1/workspaces${queryString({ cursor })}`,
      call: (db) => listWorkspaces({ db }, partner, query),
    };
  };
  const conversationPage = (workspaceId: string, extra: Record<string, string | undefined>): Target => {
    const query = ListConversationsQuerySchema.parse(extra);
    return {
      workspaceId,
      path: `/v1/workspaces/${workspaceId}/conversations${queryString(extra)}`,
      call: (db) => listConversations({ db }, ws(workspaceId), query),
    };
  };
  const messagePage = (t: ThreadRow, cursor?: string): Target => {
    const query = ListMessagesQuerySchema.parse({ cursor });
    return {
      workspaceId: t.workspace_id,
      path: `/v1/workspaces/${t.workspace_id}/conversations/${t.id}/messages${queryString({ cursor })}`,
      call: (db) => listMessages({ db }, ws(t.workspace_id), t.id, query),
    };
  };
  const draftPage = (workspaceId: string, extra: Record<string, string | undefined>): Target => {
    const query = ListDraftsQuerySchema.parse(extra);
    return {
      workspaceId,
      path: `/v1/workspaces/${workspaceId}/drafts${queryString(extra)}`,
      call: (db) => listDrafts({ db }, ws(workspaceId), query),
    };
  };
  const evidencePage = (workspaceId: string, extra: Record<string, string | undefined>): Target => {
    const query = ListEvidenceQuerySchema.parse(extra);
    return {
      workspaceId,
      path: `/v1/workspaces/${workspaceId}/evidence${queryString(extra)}`,
      call: (db) => listEvidence({ db }, ws(workspaceId), query),
    };
  };
  const scenario = (
    name: string,
    operationId: string,
    note: string,
    targets: Target[],
    explainTarget = targets[0],
  ): Scenario => {
    if (!explainTarget) throw new Error(`no targets for ${name}`);
    return { name, operationId, note, targets, explainTarget };
  };

  const deepWorkspaceCursors = workspaceIds.map((id) => workspacePage(id, idCursor(id)));
  const messageTargets = threads.map((t) => messagePage(t));
  const deepMessageTargets = deep.map((t) => messagePage(t, timeCursor(new Date(t.at), t.mid)));
  const evidenceDeep = evidenceHeads.map((e) =>
    evidencePage(e.workspace_id, { cursor: seqCursor(Math.max(0, Number(e.head) - 50)) }),
  );
  const evidenceByThread = threads.map((t) => evidencePage(t.workspace_id, { conversation_id: t.id }));

  return [
    scenario('healthz (floor)', 'getHealth', 'no key, no database: HTTP and Koa alone', [
      { workspaceId: '', path: '/healthz', call: async () => undefined },
    ]),
    scenario(
      'getWorkspace (floor)',
      'getWorkspace',
      'key check, rate limit and one tenant query',
      workspaceIds.map((id) => ({
        workspaceId: id,
        path: `/v1/workspaces/${id}`,
        call: (db: Knex) => getWorkspace({ db }, partner, id),
      })),
    ),
    scenario('listWorkspaces', 'listWorkspaces', 'first page, 20 of the partner', [
      workspacePage(workspaceIds[0] ?? ''),
    ]),
    scenario('listWorkspaces deep', 'listWorkspaces', 'cursor at a random workspace', deepWorkspaceCursors),
    scenario(
      'listConversations',
      'listConversations',
      'first page (20) by latest activity',
      workspaceIds.map((id) => conversationPage(id, {})),
    ),
    scenario(
      'listConversations deep',
      'listConversations',
      'cursor after the 10th thread',
      activity.map((a) => conversationPage(a.workspace_id, { cursor: timeCursor(new Date(a.at), a.id) })),
    ),
    scenario(
      'listConversations needs_review',
      'listConversations',
      'filter: threads with a draft waiting',
      workspaceIds.map((id) => conversationPage(id, { needs_review: 'true' })),
    ),
    scenario(
      'getConversation',
      'getConversation',
      'random thread',
      threads.map((t) => ({
        workspaceId: t.workspace_id,
        path: `/v1/workspaces/${t.workspace_id}/conversations/${t.id}`,
        call: (db: Knex) => getConversation({ db }, ws(t.workspace_id), t.id),
      })),
    ),
    scenario(
      'listMessages',
      'listMessages',
      'first page (50), random thread',
      messageTargets,
      messagePage(biggest),
    ),
    scenario(
      'listMessages deep',
      'listMessages',
      'long threads (top 2%), cursor 90% down',
      deepMessageTargets,
      deepMessageTargets[0],
    ),
    scenario(
      'getDraft',
      'getDraft',
      'random draft',
      draftRows.map((d) => ({
        workspaceId: d.workspace_id,
        path: `/v1/workspaces/${d.workspace_id}/drafts/${d.id}`,
        call: (db: Knex) => getDraft({ db }, ws(d.workspace_id), d.id),
      })),
    ),
    scenario(
      'listDrafts',
      'listDrafts',
      'first page (20), newest first',
      workspaceIds.map((id) => draftPage(id, {})),
    ),
    scenario(
      'listDrafts pending',
      'listDrafts',
      'filter: state=pending_approval (the approval queue)',
      workspaceIds.map((id) => draftPage(id, { state: 'pending_approval' })),
    ),
    scenario(
      'listEvidence',
      'listEvidence',
      'first page (100), chain order',
      workspaceIds.map((id) => evidencePage(id, {})),
    ),
    scenario('listEvidence deep', 'listEvidence', 'last page of the chain', evidenceDeep),
    scenario(
      'listEvidence by thread',
      'listEvidence',
      'filter: conversation_id (random thread)',
      evidenceByThread,
      evidencePage(biggest.workspace_id, { conversation_id: biggest.id }),
    ),
  ];
}
