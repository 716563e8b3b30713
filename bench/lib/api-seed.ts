/**
 * Seeds the scratch database in SQL (`insert … select … from generate_series`), as the owner, so a
 * million messages take minutes rather than the hours the pipeline would need. The shape follows
 * what the pipeline stores:
 *
 * - one partner (with the API key the benchmark uses) and its workspaces;
 * - per workspace `conversations` threads (80% WhatsApp, 15% Instagram DM, 5% Instagram comments),
 *   one contact each;
 * - messages split over the threads with a heavy tail (most threads have a handful of messages, a
 *   few have thousands; workspaces differ in size too), 55% inbound, spaced from seconds to half an
 *   hour apart, most threads active in the last weeks;
 * - a draft for half the customer messages plus the latest one of every thread: the latest one
 *   still waits for approval when the customer-service window is open, older ones were sent,
 *   superseded, rejected, expired or failed;
 * - one evidence record per message and per draft, numbered per workspace in time order.
 *
 * Ids are the public prefix plus 26 hex digits of (time, sequence), so they sort by time like the
 * real ULIDs. Evidence hashes are random-looking hex, not a verifiable chain (nothing here verifies
 * it). Then `vacuum analyze`, as autovacuum would after such an insert.
 */
import type { Knex } from '@laras/core';

export type SeedOptions = {
  partnerId: string;
  workspaces: number;
  conversationsPerWorkspace: number;
  messages: number;
};

export type SeedCounts = Record<
  'workspaces' | 'contacts' | 'conversations' | 'messages' | 'drafts' | 'evidence_records',
  number
> & { seconds: Record<string, number> };

const ID_FUNCTION = `
  create or replace function pg_temp.bench_id(prefix text, at timestamptz, n bigint) returns text
  language sql immutable as $$
    select prefix || '_' || upper(lpad(to_hex((extract(epoch from at) * 1000)::bigint), 12, '0')
      || lpad(to_hex(n), 14, '0'))
  $$`;

const INBOUND_TEXTS = [
  'Halo, apakah Gayo masih ada?',
  'Is the Toraja available in 1 kg bags?',
  'Berapa ongkir ke Denpasar?',
  'Can I pick up my order tomorrow at 10?',
  'Terima kasih! 🙏',
  'Do you have decaf? ☕',
  'Pesanan saya #4821 sudah dikirim?',
  'What are your opening hours on Sunday?',
  'Boleh minta daftar harga terbaru?',
  'The beans arrived, they smell amazing 😍',
];
const OUTBOUND_TEXTS = [
  'Halo kak! Gayo Wine 250 g masih tersedia, harganya Rp 145.000. Mau kami siapkan?',
  'Yes, Toraja Sapan comes in 1 kg bags for Rp 520.000, roasted to order within two days.',
  'Ongkir ke Denpasar mulai Rp 18.000 (reguler, 2–3 hari). Untuk same-day bisa lewat kurir instan.',
  'Of course, pick-up is possible from 08:00 to 17:00 at our roastery in Kemang. See you tomorrow!',
  'Sama-sama kak, semoga suka kopinya! ☕',
  'We have a Swiss-water decaf from Aceh, Rp 160.000 for 250 g.',
  'Pesanan #4821 sudah dikirim kemarin via JNE, nomor resi kami kirim sebentar lagi ya.',
  'On Sundays we are open from 09:00 to 15:00.',
];
const NAMES = ['Sari Wijaya', 'Budi Santoso', 'Dewi Pratama', 'Agus Kusuma', 'Rina Halim', 'Made Saputra'];

/** A text[] literal; `?` is spelled chr(63) so knex does not take it for a binding. */
const sqlArray = (items: readonly string[]) =>
  `array[${items.map((s) => `'${s.replace(/'/g, "''").replace(/\?/g, "' || chr(63) || '")}'`).join(', ')}]`;

/**
 * Runs the seed in one transaction (temp tables), then vacuums; answers row counts and timings.
 * `db` must have a single connection: the statement timeout is lifted for the session.
 */
export async function seed(db: Knex, options: SeedOptions): Promise<SeedCounts> {
  const seconds: Record<string, number> = {};
  await db.raw('set statement_timeout = 0');
  await db.transaction(async (trx) => {
    // One statement per call: a statement with bindings is prepared, and cannot hold two.
    const step = async (name: string, sql: string, bindings: Record<string, string | number> = {}) => {
      const started = performance.now();
      for (const statement of sql.split(/;\n/)) {
        const used = Object.fromEntries(
          Object.entries(bindings).filter(([key]) => statement.includes(`:${key}`)),
        );
        await trx.raw(statement, used);
      }
      seconds[name] = Math.round((performance.now() - started) / 100) / 10;
    };
    await trx.raw("set local synchronous_commit = off; set local work_mem = '256MB'");
    await trx.raw(ID_FUNCTION);

    await step(
      'workspaces',
      `create temp table bench_ws on commit drop as
         select w, pg_temp.bench_id('ws', now() - interval '400 days' + w * interval '3 minutes', w) as id,
                0.3 + random() * 1.7 as size_factor
           from generate_series(1, :workspaces::int) w;
       insert into workspaces (id, partner_id, name, external_id, metadata, created_at, updated_at)
       select id, :partner, 'Toko Kopi ' || w, 'client-' || w,
              jsonb_build_object('plan', case when w % 3 = 0 then 'pro' else 'basic' end, 'region', 'ID'),
              now() - interval '400 days' + w * interval '3 minutes', now() - interval '400 days' + w * interval '3 minutes'
         from bench_ws`,
      { workspaces: options.workspaces, partner: options.partnerId },
    );

    // Thread sizes: a heavy tail (1/u^1.2), scaled per workspace, apportioned so they sum to exactly
    // `messages` with at least one message each.
    await step(
      'plan threads',
      `create temp table bench_conv on commit drop as
       with weighted as (
         select ws.w, ws.id as workspace_id, j,
                ws.size_factor / power(random() + 0.002, 1.2) as weight,
                random() as r_surface, random() as r_age, random() as r_gap
           from bench_ws ws cross join generate_series(1, :perWorkspace::int) j
       ), cumulated as (
         select *, sum(weight) over (order by w, j) as cum, count(*) over () as threads,
                row_number() over (order by w, j) as rn
           from weighted
       ), shares as (
         select *, max(cum) over () as total from cumulated
       ), sized as (
         select *, (1 + floor(cum / total * (:messages::bigint - threads))
                      - floor((cum - weight) / total * (:messages::bigint - threads)))::int as n
           from shares
       )
       select w, j, rn, workspace_id, n,
              (sum(n) over (order by rn) - n)::bigint as first_seq,
              case when r_surface < 0.80 then 'whatsapp' when r_surface < 0.95 then 'instagram_dm'
                   else 'instagram_comment' end as surface,
              now() - power(r_age, 2) * interval '120 days' as last_at,
              (20 + r_gap * 1800) * interval '1 second' as gap
         from sized`,
      { perWorkspace: options.conversationsPerWorkspace, messages: options.messages },
    );
    await trx.raw(`
      alter table bench_conv add column channel text, add column contact_id text, add column id text,
        add column provider_user_id text, add column thread_key text;
      update bench_conv set
        channel = case when surface = 'whatsapp' then 'whatsapp' else 'instagram' end,
        contact_id = pg_temp.bench_id('ctc', last_at - (n - 1) * gap, rn),
        id = pg_temp.bench_id('cnv', last_at - (n - 1) * gap, rn),
        provider_user_id = case when surface = 'whatsapp' then '628' || lpad(rn::text, 10, '0')
                                else '17841' || lpad(rn::text, 11, '0') end,
        thread_key = case when surface = 'instagram_comment' then 'media_1790' || lpad(rn::text, 10, '0')
                          when surface = 'whatsapp' then '628' || lpad(rn::text, 10, '0')
                          else '17841' || lpad(rn::text, 11, '0') end;
      create index on bench_conv (id);
      analyze bench_conv;
    `);

    await step(
      'contacts + conversations',
      `insert into contacts (id, partner_id, workspace_id, channel, provider_user_id, name, username, created_at, updated_at)
       select contact_id, :partner, workspace_id, channel, provider_user_id,
              (${sqlArray(NAMES)})[1 + rn % ${NAMES.length}],
              case when channel = 'instagram' then 'user.' || rn end,
              last_at - (n - 1) * gap, last_at
         from bench_conv;
       insert into conversations (id, partner_id, workspace_id, channel, surface, thread_key, contact_id, status,
                                  needs_review, last_message_at, created_at, updated_at)
       select id, :partner, workspace_id, channel, surface, thread_key, contact_id,
              case when last_at > now() - interval '7 days' then 'open' else 'closed' end,
              false, last_at, last_at - (n - 1) * gap, last_at
         from bench_conv`,
      { partner: options.partnerId },
    );

    await step(
      'messages',
      `insert into messages (id, partner_id, workspace_id, conversation_id, channel, direction, type, text, details,
                             provider_message_id, sent_at, status, status_at, error, created_at)
       select pg_temp.bench_id('msg', m.sent_at, c.first_seq + k), :partner, c.workspace_id, c.id, c.channel,
              m.direction,
              case when m.r_type < 0.95 then 'text' when m.r_type < 0.99 then 'image' else 'sticker' end,
              case when m.r_type >= 0.99 then null
                   when m.direction = 'inbound' then (${sqlArray(INBOUND_TEXTS)})[1 + (k % ${INBOUND_TEXTS.length})]
                   else (${sqlArray(OUTBOUND_TEXTS)})[1 + (k % ${OUTBOUND_TEXTS.length})] end,
              case when m.r_type < 0.95 then '{}'::jsonb
                   else jsonb_build_object('media_id', 'media.' || (c.first_seq + k), 'mime_type', 'image/jpeg') end,
              case when c.channel = 'whatsapp' then 'wamid.HBgN' else 'aWdfZAG1' end || md5((c.first_seq + k)::text),
              m.sent_at,
              case when m.direction = 'inbound' then null
                   when m.r_status < 0.80 then 'read' when m.r_status < 0.95 then 'delivered'
                   when m.r_status < 0.99 then 'sent' else 'failed' end,
              case when m.direction = 'outbound' then m.sent_at + interval '4 seconds' end,
              case when m.direction = 'outbound' and m.r_status >= 0.99
                   then '{"code": 131047, "title": "Re-engagement message"}'::jsonb end,
              m.sent_at + random() * interval '400 milliseconds'
         from bench_conv c
         cross join lateral generate_series(1, c.n) k
         cross join lateral (
           select c.last_at - (c.n - k) * c.gap as sent_at,
                  case when k = 1 or random() < 0.55 then 'inbound' else 'outbound' end as direction,
                  random() as r_type, random() as r_status
         ) m`,
      { partner: options.partnerId },
    );

    await step(
      'thread activity',
      `update conversations c set
         last_customer_message_at = s.last_inbound,
         window_closes_at = case when c.surface = 'instagram_comment' then null
                                 else s.last_inbound + interval '24 hours' end
        from (select conversation_id, max(sent_at) filter (where direction = 'inbound') as last_inbound
                from messages group by conversation_id) s
       where s.conversation_id = c.id`,
    );

    await step(
      'drafts',
      `insert into drafts (id, partner_id, workspace_id, conversation_id, message_id, state, text, language, intent,
                           citations, confidence, needs_human, needs_human_reason, provider, model, prompt_version,
                           timing_ms, verdict, decision, reviewed_by, reviewed_at, send_attempts, sent_at,
                           window_warned_at, created_at, updated_at)
       select pg_temp.bench_id('drf', d.sent_at + interval '2 seconds', d.seq), :partner, d.workspace_id,
              d.conversation_id, d.id, d.state,
              (${sqlArray(OUTBOUND_TEXTS)})[1 + (d.seq % ${OUTBOUND_TEXTS.length})],
              case when d.seq % 3 = 0 then 'en' else 'id' end,
              (array['price_availability', 'policy', 'faq', 'greeting', 'order_complaint_refund'])[1 + d.seq % 5],
              '[{"kind": "catalog", "id": "GAYO-250"}, {"kind": "policy", "id": "shipping"}]'::jsonb,
              0.55 + (d.seq % 45) / 100.0, d.state = 'pending_approval' and d.seq % 4 = 0,
              case when d.state = 'pending_approval' and d.seq % 4 = 0 then 'Customer asks about a refund.' end,
              'builtin', 'laras-grounded-1', 'builtin-2026-10', 3 + (d.seq % 40) / 10.0,
              '{"pass": true, "score": 1, "reasons": []}'::jsonb,
              case when d.state in ('pending_approval', 'superseded', 'expired', 'rejected')
                   then '{"action": "hold", "reasons": [{"code": "auto_send_disabled", "detail": "Auto-send is off for WhatsApp."}]}'::jsonb
                   else '{"action": "auto_send", "reasons": []}'::jsonb end,
              case when d.state in ('sent', 'failed', 'rejected') then 'auto_rule' end,
              case when d.state in ('sent', 'failed', 'rejected') then d.sent_at + interval '3 seconds' end,
              case when d.state in ('sent', 'failed') then 1 else 0 end,
              case when d.state = 'sent' then d.sent_at + interval '4 seconds' end,
              case when d.state = 'pending_approval' then now() end,
              d.sent_at + interval '2 seconds', d.sent_at + interval '5 seconds'
         from (
           select m.*, row_number() over (order by m.sent_at) as seq,
                  case when m.latest and m.sent_at > now() - interval '24 hours' then 'pending_approval'
                       when m.r < 0.65 then 'sent' when m.r < 0.80 then 'superseded'
                       when m.r < 0.88 then 'rejected' when m.r < 0.98 then 'expired' else 'failed' end as state
             from (
               select id, workspace_id, conversation_id, sent_at, random() as r,
                      row_number() over (partition by conversation_id order by sent_at desc, id desc) = 1 as latest
                 from messages where direction = 'inbound'
             ) m
            where m.latest or m.r < 0.5
         ) d`,
      { partner: options.partnerId },
    );

    await step(
      'evidence',
      `insert into evidence_records (partner_id, workspace_id, seq, type, conversation_id, message_id, draft_id,
                                     provider_message_id, content_sha256, actor, data, created_at, prev_hash, hash)
       select :partner, e.workspace_id,
              row_number() over (partition by e.workspace_id order by e.at, e.kind),
              e.type, e.conversation_id, e.message_id, e.draft_id, e.provider_message_id,
              md5(e.ref) || md5(e.ref || 'c'), e.actor, e.data, e.at,
              md5(e.ref || 'p') || md5(e.ref || 'q'), md5(e.ref || 'h') || md5(e.ref || 'i')
         from (
           select workspace_id, created_at as at, 0 as kind,
                  case when direction = 'inbound' then 'message.received' else 'message.sent' end as type,
                  conversation_id, id as message_id, null as draft_id, provider_message_id,
                  case when direction = 'inbound' then 'customer' else 'auto_rule' end as actor,
                  jsonb_build_object('channel', channel, 'type', type) as data, id as ref
             from messages
           union all
           select workspace_id, created_at, 1, 'draft.created', conversation_id, message_id, id, null, 'drafter',
                  jsonb_build_object('state', state), id
             from drafts
         ) e`,
      { partner: options.partnerId },
    );
  });

  const started = performance.now();
  await db.raw('set statement_timeout = 0');
  await db.raw('vacuum analyze workspaces, contacts, conversations, messages, drafts, evidence_records');
  await db.raw('reset statement_timeout');
  seconds['vacuum analyze'] = Math.round((performance.now() - started) / 100) / 10;

  const count = async (table: string) => {
    const row = await db(table).count<{ count: number }>('* as count').first();
    return Number(row?.count ?? 0);
  };
  return {
    workspaces: await count('workspaces'),
    contacts: await count('contacts'),
    conversations: await count('conversations'),
    messages: await count('messages'),
    drafts: await count('drafts'),
    evidence_records: await count('evidence_records'),
    seconds,
  };
}
