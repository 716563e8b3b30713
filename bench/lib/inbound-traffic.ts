/**
 * The ingest bench's traffic: Meta deliveries as Meta builds and signs them, mixed across both
 * endpoints — WhatsApp customer messages (text, sometimes 2–3 in one POST, some media) and
 * outbound-message statuses on `/api/webhooks/wa`, signed with the WhatsApp app secret; Instagram
 * DMs and comments on `/api/webhooks/instagram`, signed with the Instagram app secret. About 1% of
 * POSTs are byte-identical retries of an earlier one (Meta redelivers), which the API stores once.
 * Payloads come from the Meta sandbox's builders, so every body is distinct (fresh ids) and
 * realistic in shape and size; only the load generator's process builds them, before timing.
 */
import { randomInt } from 'node:crypto';
import {
  instagramCommentChange,
  instagramEnvelope,
  instagramMessaging,
  metaJson,
  newWamid,
  SEED_IDS,
  signatureHeader,
  type WhatsAppMessageSpec,
  type WhatsAppStatusName,
  whatsappContact,
  whatsappEnvelope,
  whatsappMessage,
  whatsappStatus,
  whatsappValue,
} from '@laras/meta-sandbox';

export type DeliveryKind = 'wa-message' | 'wa-status' | 'ig-dm' | 'ig-comment';
export type Source = 'whatsapp' | 'instagram';

export type Delivery = {
  kind: DeliveryKind;
  source: Source;
  path: '/api/webhooks/wa' | '/api/webhooks/instagram';
  body: Buffer;
  signature: string;
  /** A byte-identical copy of an earlier delivery (stored once by the API). */
  retry: boolean;
};

export type Secrets = { whatsapp: string; instagram: string };

/** Shares of the mix (the rest, after messages and statuses and DMs, are comments). */
const MIX: Array<[DeliveryKind, number]> = [
  ['wa-message', 0.45],
  ['wa-status', 0.3],
  ['ig-dm', 0.15],
  ['ig-comment', 0.1],
];
const RETRY_SHARE = 0.01;
const BATCH_SHARE = 0.1;

const NAMES = ['Sari Wijaya', 'Budi Santoso', 'Dewi Pratama', 'Agus Kusuma', 'Rina Halim', 'Made Saputra'];
const TEXTS = [
  'Halo, apakah Gayo masih ada?',
  'Is the Toraja available in 1 kg bags?',
  'Berapa ongkir ke Denpasar?',
  'Terima kasih! 🙏',
  'Do you have decaf? ☕',
  'Pesanan saya #4821 sudah dikirim?',
  'The beans arrived, they smell amazing 😍',
];
const STATUSES: WhatsAppStatusName[] = ['sent', 'delivered', 'delivered', 'read', 'read', 'failed'];
const WA_NUMBERS = [
  { wabaId: SEED_IDS.demoBakery.wabaId, phoneNumberId: '730000000000001', displayPhoneNumber: '15550100001' },
  { wabaId: SEED_IDS.kopiKita.wabaId, phoneNumberId: '730000000000003', displayPhoneNumber: '15550100003' },
];
const IG_ACCOUNTS = [SEED_IDS.instagram.demoBakery, SEED_IDS.instagram.kopiKita];

function pick<T>(list: readonly T[]): T {
  const item = list[randomInt(list.length)];
  if (item === undefined) throw new Error('cannot pick from an empty list');
  return item;
}

function pickKind(): DeliveryKind {
  let roll = Math.random();
  for (const [kind, share] of MIX) {
    roll -= share;
    if (roll < 0) return kind;
  }
  return 'ig-comment';
}

function customer() {
  const waId = `628${String(1_000_000_000 + randomInt(5_000) * 7_919).slice(0, 10)}`;
  return { waId, name: pick(NAMES) };
}

function customerMessage(): WhatsAppMessageSpec {
  const roll = Math.random();
  if (roll < 0.85) return { type: 'text', text: pick(TEXTS) };
  if (roll < 0.95) return { type: 'image', caption: 'Yang ini ada?' };
  return { type: 'reaction', messageId: newWamid(), emoji: '👍' };
}

function waMessageBody(now: Date): unknown {
  const number = pick(WA_NUMBERS);
  const size = Math.random() < BATCH_SHARE ? 2 + randomInt(2) : 1;
  const froms = Array.from({ length: size }, customer);
  const value = whatsappValue(number, {
    contacts: froms.map(whatsappContact),
    messages: froms.map((from) => whatsappMessage(customerMessage(), from, number, now)),
  });
  return whatsappEnvelope([{ wabaId: number.wabaId, values: [value] }]);
}

function waStatusBody(now: Date): unknown {
  const number = pick(WA_NUMBERS);
  const to = customer();
  const status = whatsappStatus(
    { messageId: newWamid(number.displayPhoneNumber), status: pick(STATUSES) },
    to,
    now,
  );
  return whatsappEnvelope([
    { wabaId: number.wabaId, values: [whatsappValue(number, { statuses: [status] })] },
  ]);
}

function igDmBody(now: Date): unknown {
  const account = pick(IG_ACCOUNTS);
  const sender = String(1_000_000_000_000_000 + randomInt(1_000_000));
  const event = instagramMessaging({ kind: 'message', text: pick(TEXTS) }, account, sender, now);
  return instagramEnvelope([{ id: account, time: now.getTime(), messaging: [event] }]);
}

function igCommentBody(now: Date): unknown {
  const account = pick(IG_ACCOUNTS);
  const from = { id: String(1_234_567_890_000_000 + randomInt(1_000_000)), username: 'happy.customer' };
  const change = instagramCommentChange({ text: 'How much is this? 😍' }, from);
  return instagramEnvelope([{ id: account, time: Math.floor(now.getTime() / 1000), changes: [change] }]);
}

const BUILDERS: Record<DeliveryKind, (now: Date) => unknown> = {
  'wa-message': waMessageBody,
  'wa-status': waStatusBody,
  'ig-dm': igDmBody,
  'ig-comment': igCommentBody,
};

/** One fresh delivery of `kind`, serialized as Meta does and signed with its endpoint's secret. */
export function buildDelivery(kind: DeliveryKind, secrets: Secrets): Delivery {
  const source: Source = kind.startsWith('wa-') ? 'whatsapp' : 'instagram';
  const body = Buffer.from(metaJson(BUILDERS[kind](new Date())), 'utf8');
  return {
    kind,
    source,
    path: source === 'whatsapp' ? '/api/webhooks/wa' : '/api/webhooks/instagram',
    body,
    signature: signatureHeader(body, secrets[source]),
    retry: false,
  };
}

/** `count` deliveries in send order: the mix above, ~1% byte-identical retries of earlier ones. */
export function buildDeliveries(count: number, secrets: Secrets): Delivery[] {
  const list: Delivery[] = [];
  while (list.length < count) {
    const earlier = list.length > 10 && Math.random() < RETRY_SHARE ? pick(list) : undefined;
    list.push(earlier ? { ...earlier, retry: true } : buildDelivery(pickKind(), secrets));
  }
  return list;
}
