/**
 * The customer's controls (not Meta's): where webhooks go (`/_admin/webhooks`), sending WhatsApp
 * and Instagram events as JSON descriptions (`/_admin/customer/*`), and a small page (`/customer`)
 * where a person writes to the demo business.
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import {
  type BatchLayout,
  type CustomerSendResult,
  type DeliveryOptions,
  type InstagramItem,
  type SandboxCustomer,
  WebhookTargetMissing,
  type WhatsAppItem,
} from '../customer.ts';
import { escapeHtml, readBody, type SandboxDeps } from '../http.ts';
import { renderPage } from '../pages.ts';
import type { WebhookDelivery, WebhookSource } from '../types.ts';
import { WHATSAPP_MESSAGE_TYPES, WHATSAPP_STATUSES } from '../webhook-payloads.ts';

type Json = Record<string, unknown>;

class BadRequest extends Error {}

const isObject = (value: unknown): value is Json =>
  !!value && typeof value === 'object' && !Array.isArray(value);
const optionalString = (item: Json, key: string, where: string) => {
  if (item[key] !== undefined && typeof item[key] !== 'string')
    throw new BadRequest(`${where}.${key} must be a string`);
};
const requireString = (item: Json, key: string, where: string) => {
  if (typeof item[key] !== 'string' || item[key] === '') throw new BadRequest(`${where}.${key} is required`);
};

const MESSAGE_REQUIRED: Partial<Record<string, string[]>> = {
  text: ['text'],
  button_reply: ['id', 'title'],
  list_reply: ['id', 'title'],
  button: ['text'],
  reaction: ['messageId'],
};

function whatsappItem(raw: unknown, where: string): WhatsAppItem {
  if (!isObject(raw)) throw new BadRequest(`${where} must be an object`);
  for (const key of ['phoneNumberId', 'wabaId', 'displayPhoneNumber', 'text'])
    optionalString(raw, key, where);
  if (raw.from !== undefined && !isObject(raw.from)) throw new BadRequest(`${where}.from must be an object`);
  const kinds = ['text', 'message', 'status'].filter((k) => raw[k] !== undefined);
  if (kinds.length !== 1) throw new BadRequest(`${where} needs exactly one of text, message, status`);
  if (raw.message !== undefined) {
    const message = raw.message;
    if (!isObject(message) || !(WHATSAPP_MESSAGE_TYPES as readonly unknown[]).includes(message.type))
      throw new BadRequest(`${where}.message.type must be one of ${WHATSAPP_MESSAGE_TYPES.join(', ')}`);
    for (const key of MESSAGE_REQUIRED[String(message.type)] ?? [])
      requireString(message, key, `${where}.message`);
    if (
      message.type === 'location' &&
      (typeof message.latitude !== 'number' || typeof message.longitude !== 'number')
    )
      throw new BadRequest(`${where}.message.latitude and longitude must be numbers`);
    if (message.type === 'contacts' && (!Array.isArray(message.contacts) || message.contacts.length === 0))
      throw new BadRequest(`${where}.message.contacts must be a non-empty list`);
    if (
      message.context !== undefined &&
      (!isObject(message.context) || typeof message.context.id !== 'string')
    )
      throw new BadRequest(`${where}.message.context.id is required`);
  }
  if (raw.status !== undefined) {
    const status = raw.status;
    if (!isObject(status) || !(WHATSAPP_STATUSES as readonly unknown[]).includes(status.status))
      throw new BadRequest(`${where}.status.status must be one of ${WHATSAPP_STATUSES.join(', ')}`);
    requireString(status, 'messageId', `${where}.status`);
  }
  return raw as WhatsAppItem;
}

function instagramItem(raw: unknown, where: string): InstagramItem {
  if (!isObject(raw)) throw new BadRequest(`${where} must be an object`);
  for (const key of ['accountId', 'text']) optionalString(raw, key, where);
  if (raw.from !== undefined && !isObject(raw.from)) throw new BadRequest(`${where}.from must be an object`);
  const kinds = ['text', 'event', 'comment'].filter((k) => raw[k] !== undefined);
  if (kinds.length !== 1) throw new BadRequest(`${where} needs exactly one of text, event, comment`);
  if (raw.event !== undefined) {
    const event = raw.event;
    if (!isObject(event) || !['message', 'reaction', 'postback', 'read'].includes(String(event.kind)))
      throw new BadRequest(`${where}.event.kind must be one of message, reaction, postback, read`);
    if (event.kind === 'reaction' || event.kind === 'read') requireString(event, 'mid', `${where}.event`);
    if (event.kind === 'postback') {
      requireString(event, 'title', `${where}.event`);
      requireString(event, 'payload', `${where}.event`);
    }
  }
  if (raw.comment !== undefined) {
    if (!isObject(raw.comment)) throw new BadRequest(`${where}.comment must be an object`);
    requireString(raw.comment, 'text', `${where}.comment`);
  }
  return raw as InstagramItem;
}

type Request<I> = { items: I[]; sequence: boolean; layout: BatchLayout; delivery: DeliveryOptions };

function request<I>(body: Json, parse: (raw: unknown, where: string) => I): Request<I> {
  const items = body.items === undefined ? [parse(body, 'body')] : undefined;
  if (body.items !== undefined && (!Array.isArray(body.items) || body.items.length === 0))
    throw new BadRequest('items must be a non-empty list');
  const layout = body.layout ?? 'merged';
  if (!['merged', 'separate', 'entries'].includes(String(layout)))
    throw new BadRequest('layout must be merged, separate or entries');
  for (const key of ['times', 'retries'] as const)
    if (
      body[key] !== undefined &&
      (!Number.isInteger(body[key]) || Number(body[key]) < (key === 'times' ? 1 : 0))
    )
      throw new BadRequest(`${key} must be an integer`);
  if (body.url !== undefined && typeof body.url !== 'string') throw new BadRequest('url must be a string');
  return {
    items: items ?? (body.items as unknown[]).map((item, i) => parse(item, `items[${i}]`)),
    sequence: body.sequence === true,
    layout: layout as BatchLayout,
    delivery: {
      ...(body.times !== undefined ? { times: Number(body.times) } : {}),
      ...(body.retries !== undefined ? { retries: Number(body.retries) } : {}),
      ...(typeof body.url === 'string' ? { url: body.url } : {}),
    },
  };
}

function answer(ctx: Context, results: CustomerSendResult[]): void {
  ctx.body = {
    ok: results.every((r) => r.ok),
    ids: results.flatMap((r) => r.ids),
    deliveries: results.flatMap((r) => r.deliveries),
    payloads: results.map((r) => r.payload),
  };
}

async function handle(ctx: Context, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof BadRequest || error instanceof RangeError || error instanceof WebhookTargetMissing) {
      ctx.status = error instanceof WebhookTargetMissing ? 409 : 400;
      ctx.body = { error: error.message };
      return;
    }
    throw error;
  }
}

export function customerRouter(deps: SandboxDeps & { customer: SandboxCustomer }): Router {
  const { state, customer } = deps;
  const router = new Router();

  // ---- admin API ----

  router.get('/_admin/webhooks', (ctx) => {
    ctx.body = state.webhooks;
  });

  const setWebhooks = async (ctx: Context) =>
    handle(ctx, async () => {
      const body = await readBody(ctx);
      for (const key of ['whatsappUrl', 'instagramUrl'])
        if (body[key] !== undefined && body[key] !== null && typeof body[key] !== 'string')
          throw new BadRequest(`${key} must be a URL or null`);
      if (body.retries !== undefined) {
        const backoff = body.retryBackoffMs;
        if (
          backoff !== undefined &&
          (!Array.isArray(backoff) || !backoff.every((n) => Number.isInteger(n) && n >= 0))
        )
          throw new BadRequest('retryBackoffMs must be a list of milliseconds');
        customer.setRetries(Number(body.retries), backoff as number[] | undefined);
      }
      ctx.body = customer.setWebhooks({
        whatsappUrl: body.whatsappUrl as string | null | undefined,
        instagramUrl: body.instagramUrl as string | null | undefined,
      });
    });
  router.post('/_admin/webhooks', setWebhooks);
  router.put('/_admin/webhooks', setWebhooks);

  router.post('/_admin/customer/whatsapp', (ctx) =>
    handle(ctx, async () => {
      const r = request(await readBody(ctx), whatsappItem);
      answer(
        ctx,
        r.sequence
          ? await customer.sendWhatsAppSequence(r.items, r.delivery)
          : [await customer.sendWhatsApp(r.items, { ...r.delivery, layout: r.layout })],
      );
    }),
  );

  router.post('/_admin/customer/instagram', (ctx) =>
    handle(ctx, async () => {
      const r = request(await readBody(ctx), instagramItem);
      answer(
        ctx,
        r.sequence
          ? await customer.sendInstagramSequence(r.items, r.delivery)
          : [await customer.sendInstagram(r.items, { ...r.delivery, layout: r.layout })],
      );
    }),
  );

  router.post('/_admin/customer/send', (ctx) =>
    handle(ctx, async () => {
      const body = await readBody(ctx);
      if (body.payload === undefined)
        throw new BadRequest('payload (an object or the exact body as a string) is required');
      if (body.source !== undefined && body.source !== 'whatsapp' && body.source !== 'instagram')
        throw new BadRequest('source must be whatsapp or instagram');
      const r = request({ ...body, items: [{}] }, (raw) => raw);
      answer(ctx, [
        await customer.send(body.payload, {
          ...r.delivery,
          source: body.source as WebhookSource | undefined,
        }),
      ]);
    }),
  );

  router.get('/_admin/customer/deliveries', (ctx) => {
    ctx.body = { deliveries: state.deliveries() };
  });

  // ---- the page ----

  router.get('/customer', (ctx) => renderCustomerPage(ctx, deps, {}));

  router.post('/customer', async (ctx) => {
    const form = Object.fromEntries(
      Object.entries(await readBody(ctx)).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : '']),
    );
    const text = form.text ?? '';
    if (!text) return renderCustomerPage(ctx, deps, form, { error: 'Write a message first.' }, 400);
    const name = form.name || 'Sandbox Customer';
    try {
      let result: CustomerSendResult;
      if (form.channel === 'instagram') {
        const username =
          form.username ||
          name
            .toLowerCase()
            .replace(/[^a-z0-9._]+/g, '.')
            .replace(/^\.+|\.+$/g, '') ||
          'sandbox.customer';
        const from = { username };
        result =
          form.instagram_kind === 'comment'
            ? await customer.sendInstagramComment({ accountId: form.instagram_account_id, from, text })
            : await customer.sendInstagramText({ accountId: form.instagram_account_id, from, text });
      } else {
        const waId = (form.wa_id ?? '').replace(/\D/g, '') || '15550001234';
        result = await customer.sendWhatsAppText({
          phoneNumberId: form.phone_number_id,
          from: { waId, name },
          text,
        });
      }
      const d = result.deliveries[0];
      const outcome = d?.ok
        ? { ok: `Delivered to ${d.url} (HTTP ${d.status}).` }
        : { error: `Not delivered to ${d?.url}: ${d?.status === null ? d?.error : `HTTP ${d?.status}`}.` };
      return renderCustomerPage(ctx, deps, { ...form, text: '' }, outcome);
    } catch (error) {
      if (error instanceof WebhookTargetMissing || error instanceof RangeError)
        return renderCustomerPage(ctx, deps, form, { error: error.message }, 409);
      throw error;
    }
  });

  return router;
}

function option(value: string, label: string, selected: string | undefined): string {
  return `<option value="${escapeHtml(value)}"${value === selected ? ' selected' : ''}>${escapeHtml(label)}</option>`;
}

function renderCustomerPage(
  ctx: Context,
  deps: SandboxDeps,
  form: Record<string, string | undefined>,
  outcome: { ok?: string; error?: string } = {},
  status = 200,
): void {
  const { state } = deps;
  const numbers = state.businesses.flatMap((b) =>
    b.wabas.flatMap((w) =>
      w.phoneNumbers.map((p) => ({ id: p.id, label: `${p.verifiedName} (${p.displayPhoneNumber})` })),
    ),
  );
  const targets = state.webhooks;
  const channel = form.channel ?? 'whatsapp';
  const recent = state.deliveries().slice(-8).reverse();
  const row = (d: WebhookDelivery) =>
    `<tr><td>${escapeHtml(d.at.slice(11, 19))}</td><td>${d.source}</td><td>${d.ok ? 'ok' : 'failed'} ${d.status ?? escapeHtml(d.error ?? '')}</td><td>${escapeHtml(d.events.join('; '))}</td></tr>`;
  renderPage(ctx, {
    title: 'Sandbox customer',
    status,
    body: `<h1>Write to a business</h1>
<p>You are a customer. What you send here reaches the platform as a signed Meta webhook.</p>
${outcome.ok ? `<p role="status" class="ok" id="result">${escapeHtml(outcome.ok)}</p>` : ''}
${outcome.error ? `<p role="alert" class="error" id="result">${escapeHtml(outcome.error)}</p>` : ''}
<form method="post" action="/customer">
<label for="channel">Channel</label>
<select id="channel" name="channel">${option('whatsapp', 'WhatsApp', channel)}${option('instagram', 'Instagram', channel)}</select>
<label for="phone_number_id">WhatsApp number</label>
<select id="phone_number_id" name="phone_number_id">${numbers.map((n) => option(n.id, n.label, form.phone_number_id)).join('')}</select>
<label for="instagram_account_id">Instagram account</label>
<select id="instagram_account_id" name="instagram_account_id">${state.instagramAccounts
      .map((a) => option(a.userId, `@${a.username} (${a.name})`, form.instagram_account_id))
      .join('')}</select>
<label for="instagram_kind">On Instagram, send a</label>
<select id="instagram_kind" name="instagram_kind">${option('dm', 'Direct message', form.instagram_kind)}${option('comment', 'Comment on a post', form.instagram_kind)}</select>
<label for="name">Your name</label>
<input type="text" id="name" name="name" value="${escapeHtml(form.name ?? 'Sandbox Customer')}">
<label for="wa_id">Your WhatsApp number</label>
<input type="text" id="wa_id" name="wa_id" inputmode="tel" value="${escapeHtml(form.wa_id ?? '15550001234')}">
<label for="username">Your Instagram username</label>
<input type="text" id="username" name="username" value="${escapeHtml(form.username ?? 'sandbox.customer')}">
<label for="text">Message</label>
<textarea id="text" name="text" rows="3" required>${escapeHtml(form.text ?? '')}</textarea>
<div class="actions"><button type="submit" id="send" class="primary">Send</button></div>
</form>
<p class="banner" id="targets">WhatsApp webhooks go to ${escapeHtml(targets.whatsappUrl ?? '(not set)')};
Instagram webhooks go to ${escapeHtml(targets.instagramUrl ?? '(not set)')}.</p>
${recent.length ? `<table id="deliveries"><caption>Recent deliveries</caption><tr><th>time</th><th>app</th><th>answer</th><th>events</th></tr>${recent.map(row).join('')}</table>` : ''}`,
  });
}
