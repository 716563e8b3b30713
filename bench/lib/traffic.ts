/**
 * Realistic WhatsApp traffic for one business number: text messages from a few hundred customers
 * to one or more business numbers,
 * some deliveries batching 2-3 messages (as Meta does under load), and ~2% of deliveries sent
 * twice, half as the same bytes (a Meta retry) and half re-encoded (same events, other bytes), so
 * both the delivery-level and the message-level de-duplication are exercised. Payloads are built
 * by the Meta sandbox's customer and signed exactly as Meta signs them.
 */
import { randomInt } from 'node:crypto';
import { type MetaSandbox, metaJson, signatureHeader, type WhatsAppItem } from '@laras/meta-sandbox';

export type DeliveryKind = 'original' | 'retry' | 're-encoded';

export type Delivery = {
  body: string;
  signature: string;
  /** The wamids of the messages inside. */
  wamids: string[];
  kind: DeliveryKind;
};

export type Customer = { waId: string; name: string };

const FIRST_NAMES = ['Sari', 'Budi', 'Dewi', 'Agus', 'Rina', 'Made', 'Putu', 'Ayu', 'Eko', 'Lestari', 'Nur'];
const LAST_NAMES = ['Wijaya', 'Santoso', 'Pratama', 'Kusuma', 'Halim', 'Saputra', 'Utami', 'Siregar'];
const TEXTS = [
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

const BATCH_SHARE = 0.1;
const DUPLICATE_SHARE = 0.02;

function pick<T>(list: readonly T[]): T {
  const item = list[randomInt(list.length)];
  if (item === undefined) throw new Error('cannot pick from an empty list');
  return item;
}

/** `count` customers with Indonesian mobile numbers and names. */
export function makeCustomers(count: number): Customer[] {
  return Array.from({ length: count }, (_, i) => ({
    waId: `628${String(1_000_000_000 + i * 7_919).slice(0, 10)}`,
    name: `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`,
  }));
}

export class TrafficGenerator {
  constructor(
    private readonly sandbox: MetaSandbox,
    /** The connected business numbers; each delivery goes to one of them. */
    private readonly phoneNumberIds: string[],
    private readonly appSecret: string,
    private readonly customers: Customer[],
  ) {}

  #signed(body: string, wamids: string[], kind: DeliveryKind): Delivery {
    return { body, signature: signatureHeader(body, this.appSecret), wamids, kind };
  }

  /** One POST: usually one message, sometimes 2-3 from customers writing at the same moment. */
  original(): Delivery {
    const size = Math.random() < BATCH_SHARE ? 2 + randomInt(2) : 1;
    const phoneNumberId = pick(this.phoneNumberIds);
    const items: WhatsAppItem[] = Array.from({ length: size }, () => ({
      phoneNumberId,
      from: pick(this.customers),
      text: pick(TEXTS),
    }));
    const built = this.sandbox.customer.buildWhatsApp(items);
    return this.#signed(metaJson(built.payload), built.ids, 'original');
  }

  /** The same delivery again: byte-identical (a retry) or the same events re-encoded. */
  duplicate(of: Delivery): Delivery {
    if (Math.random() < 0.5) return { ...of, kind: 'retry' };
    const reencoded = JSON.stringify(JSON.parse(of.body), null, 1);
    return this.#signed(reencoded, of.wamids, 're-encoded');
  }

  /** `count` deliveries in send order, ~2% of them duplicates of an earlier one of the list. */
  deliveries(count: number): Delivery[] {
    const list: Delivery[] = [];
    while (list.length < count) {
      const earlier = list.length > 10 && Math.random() < DUPLICATE_SHARE ? pick(list) : undefined;
      list.push(earlier ? this.duplicate(earlier) : this.original());
    }
    return list;
  }
}
