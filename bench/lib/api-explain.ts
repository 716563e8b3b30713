/**
 * The query plans behind each endpoint, as the API gets them: the core service the route calls
 * runs once on an app-role connection (`laras_app`, so row-level security applies) while knex's
 * query events record its SQL and bindings; then each statement is run again under
 * `EXPLAIN (ANALYZE, BUFFERS)` in a transaction with the same tenant settings `withTenant` makes.
 * Only the tenant-scoped statements are explained: the API-key lookup before them is a definer
 * function (a unique-index probe on `api_keys.secret_hash`), the rate limit is one Redis call.
 */
import type { Knex } from '@laras/core';
import type { Scenario } from './api-scenarios.ts';

export type ExplainedQuery = {
  sql: string;
  plan: string[];
  executionMs: number;
  /** Plan nodes worth a look: sequential scans and sorts. */
  flags: string[];
};

export type ExplainedScenario = { scenario: string; operationId: string; queries: ExplainedQuery[] };

type Captured = { sql: string; bindings: readonly unknown[] };

const SKIP = /^(begin|commit|rollback|select set_config)/i;

async function capture(db: Knex, scenario: Scenario): Promise<Captured[]> {
  const queries: Captured[] = [];
  const listener = (query: { sql: string; bindings?: readonly unknown[] }) => {
    if (!SKIP.test(query.sql.trim())) queries.push({ sql: query.sql, bindings: query.bindings ?? [] });
  };
  db.on('query', listener);
  try {
    await scenario.explainTarget.call(db);
  } finally {
    db.off('query', listener);
  }
  return queries;
}

function flagsOf(plan: string[]): string[] {
  const flags: string[] = [];
  for (const line of plan) {
    const seq = /Seq Scan on (\w+)/.exec(line);
    if (seq) flags.push(`seq scan on ${seq[1]}`);
    const sort = /Sort Method: ([\w-]+ ?\w*)/.exec(line);
    if (sort) flags.push(`sort (${sort[1]?.trim()})`);
  }
  return flags;
}

/** Explains every statement of the scenario's representative request under its tenant. */
export async function explainScenario(
  appDb: Knex,
  partnerId: string,
  scenario: Scenario,
): Promise<ExplainedScenario> {
  const queries = await capture(appDb, scenario);
  const workspaceId = scenario.operationId === 'listWorkspaces' ? '' : scenario.explainTarget.workspaceId;
  const explained: ExplainedQuery[] = [];
  await appDb.transaction(async (trx) => {
    await trx.raw("select set_config('app.partner_id', ?, true), set_config('app.workspace_id', ?, true)", [
      partnerId,
      workspaceId,
    ]);
    for (const query of queries) {
      // knex reports the SQL as sent (`$1`, `$2`, … in order); raw() wants `?` placeholders back.
      const sql = query.sql.replace(/\?/g, '\\?').replace(/\$\d+/g, '?');
      const result = await trx.raw(`explain (analyze, buffers) ${sql}`, query.bindings as Knex.RawBinding[]);
      const plan = (result.rows as Array<{ 'QUERY PLAN': string }>).map((row) => row['QUERY PLAN']);
      const time = plan.map((line) => /Execution Time: ([\d.]+) ms/.exec(line)?.[1]).find(Boolean);
      explained.push({ sql: query.sql, plan, executionMs: Number(time ?? Number.NaN), flags: flagsOf(plan) });
    }
  });
  return { scenario: scenario.name, operationId: scenario.operationId, queries: explained };
}
