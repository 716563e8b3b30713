/**
 * What Meta's data deletion of a channel costs for a business with a long history: one workspace
 * seeded in SQL with `--messages` WhatsApp messages over `--threads` threads (a contact each) and a
 * draft for every fourth message. First the erasure as one transaction (what the callback ran
 * before migration 0038), under the app's 15 s statement timeout and rolled back whatever happens;
 * then the workers' stepped erasure of the same rows (`runDataErasures`, one step per run here so
 * each step is timed): steps, total time, and the slowest step against that timeout.
 * Runs in this process against a scratch database (created, migrated, dropped).
 * Run: `npm run -s bench:erasure [-- --messages 1000000 --threads 20000 --step-rows 500]`.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createKnex, loadConfig, newId } from '@laras/core';
import { withTenant } from '@laras/core/db';
import { createPartner } from '@laras/core/operator';
import { dropDatabase, ensureDatabase, migrateLatest } from '@laras/migrations';
import { eraseContacts, eraseMessages, eraseThreads } from '../core/src/conversations/repository.ts';
import { eraseDrafts } from '../core/src/drafts/repository.ts';
import { insertDeletionRequest } from '../core/src/meta-callbacks/repository.ts';
import { runDataErasures } from '../core/src/meta-callbacks/run-erasures.ts';
import { withDatabase } from './lib/platform.ts';
import { writeJson } from './lib/report.ts';
import { distribution } from './lib/stats.ts';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '1000000' },
    threads: { type: 'string', default: '20000' },
    'step-rows': { type: 'string', default: '500' },
    out: { type: 'string', default: new URL('./results', import.meta.url).pathname },
  },
});
const messages = Number(values.messages);
const threads = Number(values.threads);
const stepRows = Number(values['step-rows']);
if (!(messages >= threads && threads >= 1 && stepRows >= 1)) throw new Error('--messages >= --threads >= 1');

const elapsed = (started: number) => Math.round(performance.now() - started);

/** One workspace's history, written in SQL: contacts, threads, messages, drafts of every fourth. */
async function seed(owner: ReturnType<typeof createKnex>, scope: { partnerId: string; workspaceId: string }) {
  const own = { partner: scope.partnerId, workspace: scope.workspaceId, threads, messages };
  await owner.raw('set statement_timeout = 0');
  await owner.raw(
    `insert into contacts (id, partner_id, workspace_id, channel, provider_user_id, name)
     select 'ct_B' || lpad(t::text, 22, '0'), :partner, :workspace, 'whatsapp', '62812' || t, 'Pelanggan ' || t
       from generate_series(1, :threads::int) t`,
    own,
  );
  await owner.raw(
    `insert into conversations (id, partner_id, workspace_id, channel, surface, thread_key, contact_id,
                                last_message_at, routing_id)
     select 'conv_B' || lpad(t::text, 22, '0'), :partner, :workspace, 'whatsapp', 'whatsapp', '62812' || t,
            'ct_B' || lpad(t::text, 22, '0'), now(), '106540352242922'
       from generate_series(1, :threads::int) t`,
    own,
  );
  await owner.raw(
    `insert into messages (id, partner_id, workspace_id, conversation_id, channel, direction, type, text,
                           provider_message_id, sent_at, contact_id, status)
     select 'msg_B' || lpad(m::text, 22, '0'), :partner, :workspace,
            'conv_B' || lpad((1 + m % :threads::int)::text, 22, '0'), 'whatsapp',
            case when m % 2 = 0 then 'inbound' else 'outbound' end, 'text',
            'Tolong kirim ke Jl. Braga ' || m || ', nomor saya 0812 ' || m,
            'wamid.B' || m, now() - m * interval '1 second', 'ct_B' || lpad((1 + m % :threads::int)::text, 22, '0'),
            case when m % 2 = 0 then null else 'delivered' end
       from generate_series(1, :messages::int) m`,
    own,
  );
  await owner.raw(
    `insert into drafts (id, partner_id, workspace_id, conversation_id, message_id, state, text, language,
                         intent, confidence, needs_human, provider, model, prompt_version, timing_ms,
                         verdict, decision)
     select 'drf_B' || lpad(m::text, 22, '0'), :partner, :workspace,
            'conv_B' || lpad((1 + m % :threads::int)::text, 22, '0'), 'msg_B' || lpad(m::text, 22, '0'),
            'sent', 'Baik, kami kirim ke Jl. Braga ' || m, 'id', 'order', 0.9, false, 'builtin', 'builtin',
            'v1', 1, '{"pass": true, "score": 1, "reasons": []}', '{"action": "send", "reasons": []}'
       from generate_series(4, :messages::int, 4) m`,
    own,
  );
  await owner.raw('vacuum analyze contacts, conversations, messages, drafts');
}

/** The erasure as the callback ran it before: one transaction, rolled back here whatever happens. */
async function eraseInOneTransaction(
  db: ReturnType<typeof createKnex>,
  scope: { partnerId: string; workspaceId: string },
) {
  const target = { channel: 'whatsapp' as const };
  const statements: Record<string, number> = {};
  const started = performance.now();
  let outcome = 'rolled back after the last statement';
  const rollback = new Error('roll back');
  try {
    await withTenant(db, scope, async (tx) => {
      const time = async (name: string, work: () => Promise<unknown>) => {
        const at = performance.now();
        await work();
        statements[name] = elapsed(at);
      };
      await time('contacts', () => eraseContacts(tx, target));
      await time('drafts', () => eraseDrafts(tx, target));
      await time('threads', () => eraseThreads(tx, target));
      await time('messages', () => eraseMessages(tx, target));
      throw rollback;
    });
  } catch (error) {
    // (knex prefixes the statement's text; PostgreSQL's reason is after the last ' - '.)
    if (error !== rollback) outcome = `failed: ${(error as Error).message.split(' - ').at(-1)}`;
  }
  return { totalMs: elapsed(started), statements, outcome };
}

const machine = loadConfig();
const database = `laras_bench_${randomBytes(4).toString('hex')}`;
const ownerUrl = withDatabase(machine.database.ownerUrl, database);
await ensureDatabase(ownerUrl);
await migrateLatest(ownerUrl);
const owner = createKnex({ url: ownerUrl, poolMax: 1, applicationName: 'bench-erasure' });
const db = createKnex({
  url: withDatabase(machine.database.appUrl, database),
  poolMax: 2,
  applicationName: 'bench-erasure',
});
try {
  const { partnerId } = await createPartner(owner, { name: 'Bench' });
  const scope = { partnerId, workspaceId: newId('workspace') };
  await owner('workspaces').insert({ id: scope.workspaceId, partner_id: partnerId, name: 'Kopi Senja' });
  let started = performance.now();
  await seed(owner, scope);
  const seedMs = elapsed(started);
  console.log(`seeded ${messages} messages, ${threads} threads, ${messages / 4} drafts in ${seedMs} ms`);

  const single = await eraseInOneTransaction(db, scope);
  console.log(
    `one transaction: ${single.totalMs} ms, ${single.outcome}; statements ${JSON.stringify(single.statements)}`,
  );

  const code = randomBytes(12).toString('hex');
  const erasures = [{ ...scope, channel: 'whatsapp' as const }];
  await insertDeletionRequest(db, { code, app: 'meta', connectionsCleared: 1, erasures });
  const stepMs: number[] = [];
  started = performance.now();
  for (;;) {
    const at = performance.now();
    const run = await runDataErasures({ db }, { only: code, budgetMs: 0, stepRows });
    if (run.claimed === 0) break;
    stepMs.push(performance.now() - at);
    if (run.finished === 1) break;
  }
  const steppedMs = elapsed(started);
  const left = await owner('messages')
    .where({ workspace_id: scope.workspaceId })
    .whereNotNull('text')
    .count();
  const steps = distribution(stepMs);
  console.log(
    `stepped: ${stepMs.length} steps in ${steppedMs} ms; per step p50 ${steps.p50} ms, p99 ${steps.p99} ms, ` +
      `max ${steps.max} ms; messages with text left: ${JSON.stringify(left[0])}`,
  );
  const path = await writeJson(
    values.out,
    {
      bench: 'erasure',
      at: new Date().toISOString(),
      messages,
      threads,
      drafts: messages / 4,
      stepRows,
      seedMs,
      oneTransaction: single,
      stepped: { steps: stepMs.length, totalMs: steppedMs, perStepMs: steps },
    },
    'erasure',
  );
  console.log(`report: ${path}`);
} finally {
  await Promise.allSettled([owner.destroy(), db.destroy()]);
  await dropDatabase(ownerUrl);
}
