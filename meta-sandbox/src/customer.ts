/**
 * The sandbox's "customer": builds webhooks in Meta's shapes for the sandbox's own numbers and
 * Instagram accounts (so routing ids match what the platform stored at connect time), signs the
 * exact bytes with the right app secret and POSTs them to the platform, as Meta does. Each POST
 * is recorded in the state (`state.deliveries()`, `GET /_admin/state`).
 */
import type { SandboxState } from './state.ts';
import type { WebhookDelivery, WebhookSource, WebhookTargets } from './types.ts';
import {
  businessScopedUserId,
  type InstagramCommentSpec,
  type InstagramCustomer,
  type InstagramEntry,
  type InstagramMessagingSpec,
  type InstagramWebhook,
  instagramCommentChange,
  instagramEnvelope,
  instagramMessaging,
  instagramScopedId,
  legacySignatureHeader,
  metaJson,
  newNumericId,
  signatureHeader,
  summarizeWebhook,
  type WhatsAppContact,
  type WhatsAppMessageSpec,
  type WhatsAppMetadata,
  type WhatsAppStatusSpec,
  type WhatsAppWebhook,
  webhookDisplayNumber,
  whatsappContact,
  whatsappEnvelope,
  whatsappMessage,
  whatsappStatus,
  whatsappValue,
} from './webhook-payloads.ts';

export type CustomerOptions = {
  /** Where the platform listens (`POST /api/webhooks/wa`, `POST /api/webhooks/instagram`). */
  whatsappUrl?: string;
  instagramUrl?: string;
  /** Retries after a non-2xx answer or no answer (default 0: one attempt). */
  retries?: number;
  /** Wait before retry n (the last value repeats). Default: immediately, then 1 s, 5 s, 30 s, as Meta backs off. */
  retryBackoffMs?: number[];
  /** Per attempt (default 10 000 ms). */
  timeoutMs?: number;
};

/** The person writing on WhatsApp. */
export type WhatsAppCustomer = {
  /** Phone number without `+` (default `15550001234`). */
  waId?: string;
  /** Profile name (default `Sandbox Customer`). */
  name?: string;
  /** A username (`profile.username`). */
  username?: string;
  /** BSUID; default derived from the business and number; null leaves it out. */
  userId?: string | null;
  /** Hide `wa_id` / `from` (a customer with a username whose number Meta does not share). */
  hidePhone?: boolean;
};

/** One WhatsApp event: a message from the customer or a status of a message sent to them. */
export type WhatsAppItem = {
  /** One of the sandbox's numbers (default: the first seeded). An unknown id is sent as given. */
  phoneNumberId?: string;
  /** For an id the sandbox does not know: the `entry[].id` and `display_phone_number` to send. */
  wabaId?: string;
  displayPhoneNumber?: string;
  /** The customer (sender of a message, recipient of a status). */
  from?: WhatsAppCustomer;
} & ({ text: string } | { message: WhatsAppMessageSpec } | { status: WhatsAppStatusSpec });

/** One Instagram event on one of the sandbox's accounts. */
export type InstagramItem = {
  /** The IG professional account id (`user_id`; default: the first seeded). Unknown ids are sent as given. */
  accountId?: string;
  /** The customer (default username `sandbox.customer`, IGSID derived from it). */
  from?: InstagramCustomer;
} & ({ text: string } | { event: InstagramMessagingSpec } | { comment: InstagramCommentSpec });

/**
 * How several items share one POST:
 * - `merged` (default): one entry per WABA / account, one change per phone number (WhatsApp: its
 *   messages and statuses in one `value`; Instagram: all DMs in one `messaging[]`, comments in `changes[]`);
 * - `separate`: one entry per WABA / account, one change (or messaging item) per item;
 * - `entries`: one entry per item.
 * Instagram knows `merged` (DMs of an account in one `messaging[]`, its comments in one `changes[]`)
 * and one entry per item (`separate` and `entries`).
 */
export type BatchLayout = 'merged' | 'separate' | 'entries';

export type DeliveryOptions = {
  /** Send the same bytes this many times (duplicates, default 1). */
  times?: number;
  /** Instead of the configured webhook URL. */
  url?: string;
  /** Override the configured retry count for this send. */
  retries?: number;
};

export type BuildOptions = { layout?: BatchLayout };

export type Built<P> = {
  payload: P;
  /** wamids / mids / comment ids of the events, in item order. */
  ids: string[];
};

export type CustomerSendResult<P = unknown> = Built<P> & {
  /** The exact bytes sent (signed). */
  body: string;
  deliveries: WebhookDelivery[];
  /** Every copy was answered 2xx. */
  ok: boolean;
  /** The first id (the message of a single-item send). */
  messageId: string | undefined;
};

export const DEFAULT_WHATSAPP_CUSTOMER = { waId: '15550001234', name: 'Sandbox Customer' } as const;
export const DEFAULT_INSTAGRAM_CUSTOMER = { username: 'sandbox.customer' } as const;

const DEFAULT_BACKOFF = [0, 1_000, 5_000, 30_000];

export class SandboxCustomer {
  #retries: number;
  #backoff: number[];
  #timeoutMs: number;

  constructor(
    readonly state: SandboxState,
    options: CustomerOptions = {},
  ) {
    this.#retries = options.retries ?? 0;
    this.#backoff = options.retryBackoffMs?.length ? options.retryBackoffMs : DEFAULT_BACKOFF;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    if (!Number.isInteger(this.#retries) || this.#retries < 0)
      throw new RangeError('retries must be a non-negative integer');
    if (options.whatsappUrl !== undefined || options.instagramUrl !== undefined)
      state.setWebhooks({ whatsappUrl: options.whatsappUrl, instagramUrl: options.instagramUrl });
  }

  // ---- configuration ----

  get webhooks(): WebhookTargets {
    return this.state.webhooks;
  }

  /** Sets (or with null clears) where webhooks go; tests call this once the platform listens. */
  setWebhooks(targets: { whatsappUrl?: string | null; instagramUrl?: string | null }): WebhookTargets {
    return this.state.setWebhooks(targets);
  }

  /** Retries after a failed attempt (0: none) and the waits between them. */
  setRetries(retries: number, backoffMs?: number[]): void {
    if (!Number.isInteger(retries) || retries < 0)
      throw new RangeError('retries must be a non-negative integer');
    this.#retries = retries;
    if (backoffMs?.length) this.#backoff = backoffMs;
  }

  deliveries(source?: WebhookSource): WebhookDelivery[] {
    return this.state.deliveries(source);
  }

  // ---- WhatsApp ----

  #whatsappTarget(item: WhatsAppItem): { metadata: WhatsAppMetadata; businessId: string } {
    const phoneNumberId = item.phoneNumberId ?? this.state.businesses[0]?.wabas[0]?.phoneNumbers[0]?.id;
    if (!phoneNumberId) throw new RangeError('the sandbox has no phone number');
    const found = this.state.findPhoneNumber(phoneNumberId);
    const wabaId = item.wabaId ?? found?.waba.id ?? newNumericId('1', 15);
    return {
      businessId: found?.business.id ?? wabaId,
      metadata: {
        wabaId,
        phoneNumberId,
        displayPhoneNumber: webhookDisplayNumber(
          item.displayPhoneNumber ?? found?.phone.displayPhoneNumber ?? '15550000000',
        ),
      },
    };
  }

  #whatsappContact(customer: WhatsAppCustomer | undefined, businessId: string): WhatsAppContact {
    const waId = (customer?.waId ?? DEFAULT_WHATSAPP_CUSTOMER.waId).replace(/\D/g, '');
    const name = customer?.name ?? DEFAULT_WHATSAPP_CUSTOMER.name;
    const userId =
      customer?.userId === null ? undefined : (customer?.userId ?? businessScopedUserId(businessId, waId));
    return {
      ...(customer?.hidePhone ? {} : { waId }),
      ...(name !== undefined ? { name } : {}),
      ...(customer?.username !== undefined ? { username: customer.username } : {}),
      ...(userId !== undefined ? { userId } : {}),
    };
  }

  /** The webhook body for these items, without sending it. */
  buildWhatsApp(items: WhatsAppItem | WhatsAppItem[], options: BuildOptions = {}): Built<WhatsAppWebhook> {
    const list = Array.isArray(items) ? items : [items];
    if (list.length === 0) throw new RangeError('nothing to send');
    const layout = options.layout ?? 'merged';
    const now = this.state.now();
    type Group = {
      wabaId: string;
      metadata: WhatsAppMetadata;
      contacts: Record<string, unknown>[];
      messages: Record<string, unknown>[];
      statuses: Record<string, unknown>[];
    };
    const entries: { wabaId: string; groups: Group[] }[] = [];
    const ids: string[] = [];
    for (const item of list) {
      const { metadata, businessId } = this.#whatsappTarget(item);
      const contact = this.#whatsappContact(item.from, businessId);
      let entry = layout === 'entries' ? undefined : entries.find((e) => e.wabaId === metadata.wabaId);
      if (!entry) {
        entry = { wabaId: metadata.wabaId, groups: [] };
        entries.push(entry);
      }
      let group =
        layout === 'merged'
          ? entry.groups.find((g) => g.metadata.phoneNumberId === metadata.phoneNumberId)
          : undefined;
      if (!group) {
        group = { wabaId: metadata.wabaId, metadata, contacts: [], messages: [], statuses: [] };
        entry.groups.push(group);
      }
      const addContact = () => {
        const json = whatsappContact(contact);
        const key = JSON.stringify([json.wa_id, json.user_id]);
        if (!group.contacts.some((c) => JSON.stringify([c.wa_id, c.user_id]) === key))
          group.contacts.push(json);
      };
      if ('status' in item) {
        group.statuses.push(whatsappStatus(item.status, contact, now));
        if (item.status.status !== 'failed') addContact();
        ids.push(item.status.messageId);
      } else {
        const spec: WhatsAppMessageSpec = 'text' in item ? { type: 'text', text: item.text } : item.message;
        const message = whatsappMessage(spec, contact, metadata, now);
        group.messages.push(message);
        addContact();
        ids.push(String(message.id));
      }
    }
    const payload = whatsappEnvelope(
      entries.map((e) => ({
        wabaId: e.wabaId,
        values: e.groups.map((g) =>
          whatsappValue(g.metadata, { contacts: g.contacts, messages: g.messages, statuses: g.statuses }),
        ),
      })),
    );
    return { payload, ids };
  }

  /** Items in one POST (see `BatchLayout`), sent `times` times. */
  async sendWhatsApp(
    items: WhatsAppItem | WhatsAppItem[],
    options: BuildOptions & DeliveryOptions = {},
  ): Promise<CustomerSendResult<WhatsAppWebhook>> {
    const built = this.buildWhatsApp(items, options);
    this.#noteWhatsAppInbound(items);
    return this.#sendBuilt(built, 'whatsapp', options);
  }

  /** Remembers when the customer wrote to each number (the 24-hour window of the send endpoints). */
  #noteWhatsAppInbound(items: WhatsAppItem | WhatsAppItem[]): void {
    for (const item of Array.isArray(items) ? items : [items]) {
      if ('status' in item) continue;
      const { metadata, businessId } = this.#whatsappTarget(item);
      const waId = this.#whatsappContact(item.from, businessId).waId;
      if (!waId) continue;
      const timestamp = 'message' in item ? item.message.timestamp : undefined;
      const at = timestamp !== undefined ? new Date(timestamp * 1000) : this.state.now();
      this.state.noteInbound({ whatsapp: metadata.phoneNumberId, waId }, at);
    }
  }

  /** One POST per item, in the order given (out-of-order deliveries: `read` before `delivered`). */
  async sendWhatsAppSequence(
    items: WhatsAppItem[],
    options: DeliveryOptions = {},
  ): Promise<CustomerSendResult<WhatsAppWebhook>[]> {
    const results: CustomerSendResult<WhatsAppWebhook>[] = [];
    for (const item of items) results.push(await this.sendWhatsApp(item, options));
    return results;
  }

  /** A text message from `from` to the business number `phoneNumberId`. */
  sendWhatsAppText(
    input: {
      phoneNumberId?: string;
      from?: WhatsAppCustomer;
      text: string;
      context?: { id: string; from?: string };
    } & DeliveryOptions,
  ): Promise<CustomerSendResult<WhatsAppWebhook>> {
    const { phoneNumberId, from, text, context, ...delivery } = input;
    return this.sendWhatsApp(
      { phoneNumberId, from, message: { type: 'text', text, ...(context ? { context } : {}) } },
      delivery,
    );
  }

  /** A message of any type (`{type: 'image', caption}`, `{type: 'location', …}`, …). */
  sendWhatsAppMessage(
    input: {
      phoneNumberId?: string;
      from?: WhatsAppCustomer;
      message: WhatsAppMessageSpec;
    } & DeliveryOptions,
  ): Promise<CustomerSendResult<WhatsAppWebhook>> {
    const { phoneNumberId, from, message, ...delivery } = input;
    return this.sendWhatsApp({ phoneNumberId, from, message }, delivery);
  }

  /** A status (`sent`, `delivered`, `read`, `failed`, `played`) of the business's message `messageId` to `to`. */
  sendWhatsAppStatus(
    input: { phoneNumberId?: string; to?: WhatsAppCustomer } & WhatsAppStatusSpec & DeliveryOptions,
  ): Promise<CustomerSendResult<WhatsAppWebhook>> {
    const { phoneNumberId, to, times, url, retries, ...status } = input;
    return this.sendWhatsApp({ phoneNumberId, from: to, status }, { times, url, retries });
  }

  // ---- Instagram ----

  #instagramCustomer(
    accountId: string,
    customer: InstagramCustomer | undefined,
  ): { id: string; username: string } {
    const username = customer?.username ?? DEFAULT_INSTAGRAM_CUSTOMER.username;
    return { id: customer?.id ?? instagramScopedId(accountId, username), username };
  }

  /** The webhook body for these items, without sending it. */
  buildInstagram(
    items: InstagramItem | InstagramItem[],
    options: BuildOptions = {},
  ): Built<InstagramWebhook> {
    const list = Array.isArray(items) ? items : [items];
    if (list.length === 0) throw new RangeError('nothing to send');
    const layout = options.layout ?? 'merged';
    const now = this.state.now();
    const entries: InstagramEntry[] = [];
    const ids: string[] = [];
    const entryFor = (id: string, kind: 'messaging' | 'changes'): InstagramEntry => {
      if (layout === 'merged') {
        const found = entries.find((e) => e.id === id && kind in e);
        if (found) return found;
      }
      const entry: InstagramEntry =
        kind === 'messaging'
          ? { id, time: now.getTime(), messaging: [] }
          : { id, time: Math.floor(now.getTime() / 1000), changes: [] };
      entries.push(entry);
      return entry;
    };
    for (const item of list) {
      const accountId = item.accountId ?? this.state.instagramAccounts[0]?.userId;
      if (!accountId) throw new RangeError('the sandbox has no Instagram account');
      const customer = this.#instagramCustomer(accountId, item.from);
      if ('comment' in item) {
        const change = instagramCommentChange(item.comment, customer);
        const entry = entryFor(accountId, 'changes');
        if ('changes' in entry) entry.changes.push(change);
        ids.push(String(change.value.id));
      } else {
        const spec: InstagramMessagingSpec =
          'text' in item ? { kind: 'message', text: item.text } : item.event;
        const event = instagramMessaging(spec, accountId, customer.id, now);
        const entry = entryFor(accountId, 'messaging');
        if ('messaging' in entry) entry.messaging.push(event);
        const inner = (event.message ?? event.postback ?? event.reaction ?? event.read) as
          | { mid?: string }
          | undefined;
        ids.push(String(inner?.mid ?? ''));
      }
    }
    return { payload: instagramEnvelope(entries), ids };
  }

  async sendInstagram(
    items: InstagramItem | InstagramItem[],
    options: BuildOptions & DeliveryOptions = {},
  ): Promise<CustomerSendResult<InstagramWebhook>> {
    const built = this.buildInstagram(items, options);
    this.#noteInstagramInbound(items, built.ids);
    return this.#sendBuilt(built, 'instagram', options);
  }

  /** Remembers when the customer wrote to each account and which comments they wrote. */
  #noteInstagramInbound(items: InstagramItem | InstagramItem[], ids: string[]): void {
    const list = Array.isArray(items) ? items : [items];
    for (const [index, item] of list.entries()) {
      const accountId = item.accountId ?? this.state.instagramAccounts[0]?.userId;
      if (!accountId) continue;
      const customer = this.#instagramCustomer(accountId, item.from);
      if ('comment' in item) {
        const id = ids[index];
        if (id) this.state.noteComment(id, { accountId, fromId: customer.id });
        continue;
      }
      const event: InstagramMessagingSpec =
        'text' in item ? { kind: 'message', text: item.text } : item.event;
      if (event.kind === 'read' || event.kind === 'reaction' || (event.kind === 'message' && event.isEcho))
        continue;
      const at = event.timestamp !== undefined ? new Date(event.timestamp) : this.state.now();
      this.state.noteInbound({ instagram: accountId, igsid: customer.id }, at);
    }
  }

  async sendInstagramSequence(
    items: InstagramItem[],
    options: DeliveryOptions = {},
  ): Promise<CustomerSendResult<InstagramWebhook>[]> {
    const results: CustomerSendResult<InstagramWebhook>[] = [];
    for (const item of items) results.push(await this.sendInstagram(item, options));
    return results;
  }

  /** A DM with text from `from` to the account `accountId`. */
  sendInstagramText(
    input: { accountId?: string; from?: InstagramCustomer; text: string } & DeliveryOptions,
  ): Promise<CustomerSendResult<InstagramWebhook>> {
    const { accountId, from, text, ...delivery } = input;
    return this.sendInstagram({ accountId, from, text }, delivery);
  }

  /** Any messaging event: a message (attachments, story reply, echo, …), reaction, postback, read. */
  sendInstagramEvent(
    input: { accountId?: string; from?: InstagramCustomer; event: InstagramMessagingSpec } & DeliveryOptions,
  ): Promise<CustomerSendResult<InstagramWebhook>> {
    const { accountId, from, event, ...delivery } = input;
    return this.sendInstagram({ accountId, from, event }, delivery);
  }

  /** A comment (or, with `parentId`, a reply) on a post or reel of `accountId`. */
  sendInstagramComment(
    input: { accountId?: string; from?: InstagramCustomer } & InstagramCommentSpec & DeliveryOptions,
  ): Promise<CustomerSendResult<InstagramWebhook>> {
    const { accountId, from, times, url, retries, ...comment } = input;
    return this.sendInstagram({ accountId, from, comment }, { times, url, retries });
  }

  // ---- raw delivery ----

  /**
   * Signs and POSTs any body: an object is written as Meta writes JSON (`metaJson`), a string or
   * bytes go as they are. `source` (default from `payload.object`) picks the secret and the URL.
   */
  async send(
    payload: unknown,
    options: DeliveryOptions & { source?: WebhookSource } = {},
  ): Promise<CustomerSendResult> {
    const source =
      options.source ??
      ((payload as { object?: unknown } | null)?.object === 'instagram' ? 'instagram' : 'whatsapp');
    return this.#sendBuilt({ payload, ids: [] }, source, options);
  }

  async #sendBuilt<P>(
    built: Built<P>,
    source: WebhookSource,
    options: DeliveryOptions,
  ): Promise<CustomerSendResult<P>> {
    const url =
      options.url ?? (source === 'whatsapp' ? this.webhooks.whatsappUrl : this.webhooks.instagramUrl);
    if (!url)
      throw new WebhookTargetMissing(
        `no ${source} webhook URL is set: startMetaSandbox({webhooks: {${source}Url}}), customer.setWebhooks(…) or POST /_admin/webhooks`,
      );
    const times = options.times ?? 1;
    if (!Number.isInteger(times) || times < 1 || times > 100) throw new RangeError('times must be 1…100');
    const retries = options.retries ?? this.#retries;
    const { payload } = built;
    const bytes =
      payload instanceof Uint8Array
        ? Buffer.from(payload)
        : Buffer.from(typeof payload === 'string' ? payload : metaJson(payload));
    const body = bytes.toString('utf8');
    let events: string[];
    try {
      events = summarizeWebhook(
        typeof payload === 'string' || payload instanceof Uint8Array ? JSON.parse(body) : payload,
      );
    } catch {
      events = ['(not JSON)'];
    }
    const secret = source === 'whatsapp' ? this.state.apps.appSecret : this.state.apps.instagramAppSecret;
    const signature = signatureHeader(bytes, secret);
    const headers = {
      'Content-Type': 'application/json',
      'User-Agent': 'facebookexternalua',
      'X-Hub-Signature': legacySignatureHeader(bytes, secret),
      'X-Hub-Signature-256': signature,
    };
    const deliveries: WebhookDelivery[] = [];
    for (let copy = 1; copy <= times; copy += 1) {
      let attempts = 0;
      let status: number | null = null;
      let error: string | undefined;
      let ok = false;
      while (!ok && attempts <= retries) {
        if (attempts > 0) {
          const wait = this.#backoff[Math.min(attempts - 1, this.#backoff.length - 1)] ?? 0;
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
        attempts += 1;
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers,
            body: bytes,
            redirect: 'manual',
            signal: AbortSignal.timeout(this.#timeoutMs),
          });
          await response.arrayBuffer().catch(() => undefined);
          status = response.status;
          error = undefined;
          ok = status >= 200 && status < 300;
        } catch (caught) {
          status = null;
          error = caught instanceof Error ? describeFetchError(caught) : String(caught);
        }
      }
      deliveries.push(
        this.state.recordDelivery({
          source,
          url,
          status,
          ok,
          attempts,
          ...(error !== undefined ? { error } : {}),
          copy,
          bytes: bytes.length,
          signature,
          events,
        }),
      );
    }
    return {
      ...built,
      body,
      deliveries,
      ok: deliveries.every((d) => d.ok),
      messageId: built.ids[0],
    };
  }
}

function describeFetchError(error: Error): string {
  if (error.name === 'TimeoutError') return 'timed out';
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
}

/** No URL is set for that app's webhooks. */
export class WebhookTargetMissing extends Error {
  override name = 'WebhookTargetMissing';
}
