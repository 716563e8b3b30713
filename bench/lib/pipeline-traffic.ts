/**
 * Customer traffic for the pipeline bench: every message comes from a customer writing for the
 * first time (a new conversation), so each one must get exactly one reply — a second message in
 * the same conversation would, by design, make the drafter answer only the newer one. Deliveries
 * are spread over the workspaces' numbers; 10% batch 2–3 customers' messages, and ~2% are sent
 * again (half byte-identical, half re-encoded), which must add no reply. Signed as Meta signs.
 */
import { randomInt } from 'node:crypto';
import { type MetaSandbox, metaJson, signatureHeader, type WhatsAppItem } from '@laras/meta-sandbox';
import { AUTO_SEND_TEXTS } from './pipeline-shop.ts';
import type { Delivery } from './traffic.ts';

const FIRST_NAMES = ['Sari', 'Budi', 'Dewi', 'Agus', 'Rina', 'Made', 'Putu', 'Ayu', 'Eko', 'Lestari', 'Nur'];
const BATCH_SHARE = 0.1;
const DUPLICATE_SHARE = 0.02;

function pick<T>(list: readonly T[]): T {
  const item = list[randomInt(list.length)];
  if (item === undefined) throw new Error('cannot pick from an empty list');
  return item;
}

export class FirstContactTraffic {
  #customers = 0;

  constructor(
    private readonly sandbox: MetaSandbox,
    private readonly phoneNumberIds: string[],
    private readonly appSecret: string,
  ) {}

  #customer() {
    this.#customers += 1;
    return { waId: `62857${String(this.#customers).padStart(7, '0')}`, name: pick(FIRST_NAMES) };
  }

  #signed(body: string, wamids: string[], kind: Delivery['kind']): Delivery {
    return { body, signature: signatureHeader(body, this.appSecret), wamids, kind };
  }

  original(): Delivery {
    const size = Math.random() < BATCH_SHARE ? 2 + randomInt(2) : 1;
    const phoneNumberId = pick(this.phoneNumberIds);
    const items: WhatsAppItem[] = Array.from({ length: size }, () => ({
      phoneNumberId,
      from: this.#customer(),
      text: pick(AUTO_SEND_TEXTS),
    }));
    const built = this.sandbox.customer.buildWhatsApp(items);
    return this.#signed(metaJson(built.payload), built.ids, 'original');
  }

  duplicate(of: Delivery): Delivery {
    if (Math.random() < 0.5) return { ...of, kind: 'retry' };
    return this.#signed(JSON.stringify(JSON.parse(of.body), null, 1), of.wamids, 're-encoded');
  }

  /** `count` deliveries in send order, ~2% of them repeats of an earlier one of the list. */
  deliveries(count: number): Delivery[] {
    const list: Delivery[] = [];
    while (list.length < count) {
      const earlier = list.length > 10 && Math.random() < DUPLICATE_SHARE ? pick(list) : undefined;
      list.push(earlier ? this.duplicate(earlier) : this.original());
    }
    return list;
  }
}
