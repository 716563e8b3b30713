/**
 * What one draft preview costs with a business context of the largest size the API accepts (1,000
 * catalog items of 2,000 characters, 100 policies and 200 FAQs of 4,000: about 3.3 MB of text):
 * wall time, CPU, and the longest the event loop went without a turn while it ran — the time every
 * other request of the API process waits. The first preview after a context is written pays for
 * what is derived from it (the drafter's search index, what the classifier reads of it); later ones
 * find it cached per context revision. `--prices` sets the share of words followed by a price
 * ("Rp 450.000"), which made the classifier's work grow with the square of their count.
 * Runs in this process against a scratch database (created, migrated, dropped).
 * Run: `npm run -s bench:preview [-- --previews 8 --prices 0.003]`.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createKnex, loadConfig, newId } from '@laras/core';
import { type BusinessContextInput, replaceBusinessContext } from '@laras/core/business-context';
import { previewDraft } from '@laras/core/draft-previews';
import { createPartner } from '@laras/core/operator';
import { dropDatabase, ensureDatabase, migrateLatest } from '@laras/migrations';
import { withDatabase } from './lib/platform.ts';
import { writeJson } from './lib/report.ts';

const { values } = parseArgs({
  options: {
    previews: { type: 'string', default: '8' },
    prices: { type: 'string', default: '0' },
    out: { type: 'string', default: new URL('./results', import.meta.url).pathname },
  },
});
const previews = Number(values.previews);
const priceShare = Number(values.prices);
if (!(previews >= 2 && priceShare >= 0 && priceShare < 1))
  throw new Error('--previews >= 2, 0 <= --prices < 1');

/** A deterministic stream of numbers in [0, 1) (mulberry32), so every run indexes the same text. */
function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const next = numbers(7);
const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
const SYLLABLES = [
  'ka',
  'ro',
  'mi',
  'tu',
  'san',
  'lo',
  'per',
  'in',
  'da',
  'ge',
  'ya',
  'bu',
  'ko',
  'pi',
  'ra',
];
/** Made-up words, so the index holds many distinct terms, as a real catalog's names and notes do. */
const VOCABULARY = Array.from({ length: 20_000 }, () =>
  Array.from({ length: 2 + Math.floor(next() * 3) }, () => pick(SYLLABLES)).join(''),
);
const COMMON = (
  'coffee beans roast notes chocolate fruit shipping days return policy damaged items order kopi ' +
  'gayo arabica robusta medium dark light harga kirim'
).split(' ');

function prose(length: number): string {
  const words: string[] = [];
  let size = 0;
  while (size < length - 24) {
    const word = next() < 0.3 ? pick(COMMON) : pick(VOCABULARY);
    words.push(word);
    size += word.length + 1;
    if (next() < priceShare) {
      const price = `Rp ${100 + Math.floor(next() * 900)}.000.`;
      words.push(price);
      size += price.length + 1;
    }
  }
  return words.join(' ').slice(0, length);
}

function largestContext(): BusinessContextInput {
  return {
    business: { name: 'Kopi Senja', description: prose(4000), tone: 'warm', languages: ['id', 'en'] },
    catalog: Array.from({ length: 1000 }, (_, i) => ({
      sku: `SKU-${i}`,
      name: `Kopi ${VOCABULARY[i]} ${i}`,
      description: prose(2000),
      price: { amount: 1_000_000 + i * 100, currency: 'IDR' },
      available: true,
    })),
    policies: Array.from({ length: 100 }, (_, i) => ({
      id: `policy-${i}`,
      topic: `Topic ${VOCABULARY[5000 + i]}`,
      text: prose(4000),
    })),
    faqs: Array.from({ length: 200 }, (_, i) => ({
      question: `Question ${VOCABULARY[7000 + i]} ${prose(200)}`,
      answer: prose(4000),
    })),
  };
}

/** Runs `work` while measuring its wall time, CPU and the longest gap between event-loop turns. */
async function measure(work: () => Promise<unknown>) {
  let longest = 0;
  let last = performance.now();
  let running = true;
  const turn = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) setImmediate(turn);
  };
  setImmediate(turn);
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  running = false;
  await new Promise((resolve) => setImmediate(resolve));
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    wallMs: round(wallMs),
    cpuMs: round((used.user + used.system) / 1000),
    longestBlockMs: round(longest),
  };
}

const machine = loadConfig();
const database = `laras_bench_${randomBytes(4).toString('hex')}`;
const ownerUrl = withDatabase(machine.database.ownerUrl, database);
await ensureDatabase(ownerUrl);
await migrateLatest(ownerUrl);
const config = loadConfig({
  DATABASE_URL: ownerUrl,
  DATABASE_APP_URL: withDatabase(machine.database.appUrl, database),
});
const ownerDb = createKnex({ url: config.database.ownerUrl, poolMax: 2, applicationName: 'bench-preview' });
const db = createKnex({ url: config.database.appUrl, poolMax: 4, applicationName: 'bench-preview' });
try {
  const { partnerId } = await createPartner(ownerDb, { name: 'Bench' });
  const scope = { partnerId, workspaceId: newId('workspace') };
  await ownerDb('workspaces').insert({ id: scope.workspaceId, partner_id: partnerId, name: 'Kopi Senja' });
  const context = largestContext();
  await replaceBusinessContext({ db }, scope, context);
  const characters = JSON.stringify(context).length;

  const questions = [
    'berapa harga kopi gayo?',
    'what is your return policy for damaged items?',
    'shiping to jakarta how many days',
  ];
  const runs = [];
  for (let i = 0; i < previews; i += 1) {
    const text = questions[i % questions.length] ?? '';
    const run = await measure(() => previewDraft({ db }, scope, { text, channel: 'whatsapp' }));
    runs.push({ preview: i + 1, first: i === 0, ...run });
    console.log(
      `preview ${i + 1}${i === 0 ? ' (first after the write)' : ''}: wall ${run.wallMs} ms, ` +
        `CPU ${run.cpuMs} ms, longest event-loop block ${run.longestBlockMs} ms`,
    );
  }
  const path = await writeJson(
    values.out,
    { bench: 'preview', at: new Date().toISOString(), contextCharacters: characters, priceShare, runs },
    'preview',
  );
  console.log(`context ${(characters / 1e6).toFixed(1)} MB of JSON; report: ${path}`);
} finally {
  await Promise.allSettled([ownerDb.destroy(), db.destroy()]);
  await dropDatabase(ownerUrl);
}
