/**
 * The demo `npm start` seeds once: a partner (whose portal answers on localhost and 127.0.0.1),
 * one workspace with a business context, review rules and an owner who can sign in to the
 * portal, and an API key and owner password derived from SESSION_SECRET so they work on every
 * start.
 */
import { createHmac } from 'node:crypto';
import { type Knex, newId } from '@laras/core';
import { API_KEY_PATTERN, hashApiKey } from '@laras/core/api-keys';
import { BusinessContextInputSchema, replaceBusinessContext } from '@laras/core/business-context';
import { ReviewRulesInputSchema, replaceReviewRules } from '@laras/core/review-rules';
import { createUser } from '@laras/core/users';

export const DEMO = {
  partnerId: 'ptn_00000000000000000000DEMO00',
  workspaceId: 'ws_00000000000000000000DEMO01',
  apiKeyId: 'key_00000000000000000000DEMO02',
} as const;

/** The demo workspace's owner: signs in to the portal at /login. */
export const DEMO_OWNER_EMAIL = 'owner@demo-coffee.example';
/** The demo portal answers on these hostnames (partner branding). */
export const DEMO_HOSTNAMES = ['localhost', '127.0.0.1'] as const;

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function base62(bytes: Buffer, length: number): string {
  return Array.from(bytes.subarray(0, length), (byte) => BASE62[byte % BASE62.length]).join('');
}

/** The demo owner's portal password: stable across starts, different per SESSION_SECRET. */
export function demoOwnerPassword(sessionSecret: string): string {
  return base62(createHmac('sha256', sessionSecret).update('laras-demo-owner-password').digest(), 20);
}

/** The demo key for this installation: stable across starts, different per SESSION_SECRET. */
export function demoApiKey(sessionSecret: string): string {
  const bytes = Buffer.concat(
    [1, 2].map((n) => createHmac('sha256', sessionSecret).update(`laras-demo-api-key:${n}`).digest()),
  );
  const key = `lrs_test_${base62(bytes, 40)}`;
  if (!API_KEY_PATTERN.test(key)) throw new Error('demo key does not match the key format');
  return key;
}

const businessContext = BusinessContextInputSchema.parse({
  business: {
    name: 'Demo Coffee Roasters',
    description: 'A small specialty coffee roastery in Bandung selling beans, drip bags and brewing gear.',
    tone: 'warm, brief, helpful',
    languages: ['id', 'en'],
  },
  catalog: [
    {
      sku: 'GAYO-250',
      name: 'Aceh Gayo beans 250 g',
      description: 'Washed Arabica, chocolate and citrus notes.',
      price: { amount: 12_500_000, currency: 'IDR' },
    },
    {
      sku: 'KINTAMANI-250',
      name: 'Bali Kintamani beans 250 g',
      description: 'Natural process, fruity and sweet.',
      price: { amount: 13_500_000, currency: 'IDR' },
    },
    {
      sku: 'DRIP-10',
      name: 'Drip bags, box of 10',
      description: 'House blend, one cup each.',
      price: { amount: 9_000_000, currency: 'IDR' },
    },
    {
      sku: 'V60-02',
      name: 'V60 dripper size 02',
      description: 'Ceramic, white.',
      price: { amount: 27_500_000, currency: 'IDR' },
      available: false,
    },
  ],
  policies: [
    {
      id: 'shipping',
      topic: 'shipping',
      text: 'Orders before 14:00 WIB ship the same day. Java 1-2 days, other islands 2-5 days.',
    },
    {
      id: 'returns',
      topic: 'returns',
      text: 'Unopened bags can be returned within 7 days of delivery for a full refund.',
    },
    { id: 'payment', topic: 'payment', text: 'We accept bank transfer, QRIS and cards.' },
  ],
  faqs: [
    {
      question: 'Can you grind the beans?',
      answer: 'Yes. Tell us your brewer (espresso, V60, French press) and we grind to match.',
    },
    {
      question: 'Do you have a shop?',
      answer: 'Our roastery in Bandung is open Tuesday to Sunday, 09:00-17:00.',
    },
  ],
});

const scope = () => ({ partnerId: DEMO.partnerId, workspaceId: DEMO.workspaceId });

export type SeedResult = {
  created: boolean;
  apiKey: string;
  apiKeyRevoked: boolean;
  owner: { email: string; password: string };
};

/** Seeds the demo once (keyed on the demo partner) and makes sure this installation's demo key exists. */
export async function seedDemo(deps: {
  ownerDb: Knex;
  appDb: Knex;
  sessionSecret: string;
}): Promise<SeedResult> {
  const apiKey = demoApiKey(deps.sessionSecret);
  const created = await deps.ownerDb.transaction(async (trx) => {
    const inserted = await trx('partners')
      .insert({
        id: DEMO.partnerId,
        name: 'Demo Agency',
        display_name: 'Demo Agency',
        primary_color: '#0f766e',
      })
      .onConflict('id')
      .ignore()
      .returning('id');
    if (inserted.length === 0) return false;
    await trx('workspaces').insert({
      id: DEMO.workspaceId,
      partner_id: DEMO.partnerId,
      name: 'Demo Coffee Roasters',
      external_id: 'demo-coffee',
      metadata: { source: 'demo seed' },
    });
    return true;
  });
  if (created) {
    await replaceBusinessContext({ db: deps.appDb }, scope(), businessContext);
    await replaceReviewRules(
      { db: deps.appDb },
      scope(),
      ReviewRulesInputSchema.parse({ always_review_keywords: ['refund', 'complaint'], min_confidence: 0.75 }),
    );
  }
  // Also on installations seeded before the portal existed; a hostname another partner claimed stays theirs.
  await deps
    .ownerDb('partner_hostnames')
    .insert(DEMO_HOSTNAMES.map((hostname) => ({ hostname, partner_id: DEMO.partnerId })))
    .onConflict('hostname')
    .ignore();
  const password = demoOwnerPassword(deps.sessionSecret);
  const owner = await deps
    .ownerDb('users')
    .where({ partner_id: DEMO.partnerId, email: DEMO_OWNER_EMAIL })
    .first('id');
  if (!owner) {
    await createUser({ db: deps.appDb }, scope(), {
      email: DEMO_OWNER_EMAIL,
      name: 'Demo Owner',
      role: 'owner',
      password,
    });
  }

  const hash = hashApiKey(apiKey);
  const existing: { revoked_at: Date | null } | undefined = await deps
    .ownerDb('api_keys')
    .where({ secret_hash: hash })
    .first('revoked_at');
  if (!existing) {
    // The first start stores the key under its fixed id; a later SESSION_SECRET adds another key.
    await deps.ownerDb('api_keys').insert({
      id: created ? DEMO.apiKeyId : newId('apiKey'),
      partner_id: DEMO.partnerId,
      name: 'Demo key',
      mode: 'test',
      prefix: apiKey.slice(0, 'lrs_test_'.length + 4),
      secret_hash: hash,
    });
  }
  return {
    created,
    apiKey,
    apiKeyRevoked: Boolean(existing?.revoked_at),
    owner: { email: DEMO_OWNER_EMAIL, password },
  };
}
