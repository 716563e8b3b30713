// Walks a WhatsApp webhook body: every entry, every change, every message, status and error in it.
// Each level that fails becomes one `unparseable` item and the walk goes on, so nothing in a POST is
// lost because a sibling was malformed.

import { MetaErrorSchema } from '../provider-error.ts';
import type { InboundItem } from '../types.ts';
import { describeIssues, unparseable } from '../unparseable.ts';
import { parseWhatsAppMessage } from './message.ts';
import {
  WhatsAppAccountUpdateSchema,
  WhatsAppBodySchema,
  WhatsAppChangeSchema,
  type WhatsAppContact,
  WhatsAppContactSchema,
  WhatsAppEntrySchema,
  WhatsAppValueSchema,
} from './schemas.ts';
import { parseWhatsAppStatus } from './status.ts';

/**
 * The items of a parsed WhatsApp Cloud API webhook body (`object: 'whatsapp_business_account'`).
 * Never throws. A body that is not a WhatsApp webhook at all yields one `unparseable` item with
 * `routingId: null`; a body with no entries yields none. An `account_update` removing this app's
 * access to a WABA is an `account_removed` item; other changes (other account and template updates)
 * are returned as `unparseable` items for a later handler.
 */
export function parseWhatsAppWebhook(body: unknown): InboundItem[] {
  const parsed = WhatsAppBodySchema.safeParse(body);
  if (!parsed.success) {
    return [unparseable('whatsapp', null, describeIssues('not a WhatsApp webhook body', parsed.error), body)];
  }
  return parsed.data.entry.flatMap(parseEntry);
}

function parseEntry(raw: unknown): InboundItem[] {
  const entry = WhatsAppEntrySchema.safeParse(raw);
  if (!entry.success)
    return [unparseable('whatsapp', null, describeIssues('invalid entry', entry.error), raw)];
  return entry.data.changes.flatMap(parseChange);
}

function parseChange(raw: unknown): InboundItem[] {
  const change = WhatsAppChangeSchema.safeParse(raw);
  if (!change.success)
    return [unparseable('whatsapp', null, describeIssues('invalid change', change.error), raw)];
  if (change.data.field === 'account_update') return [accountUpdate(change.data.value, raw)];
  if (change.data.field !== 'messages') {
    return [unparseable('whatsapp', null, `unhandled field "${change.data.field}"`, raw)];
  }
  const value = WhatsAppValueSchema.safeParse(change.data.value);
  if (!value.success)
    return [unparseable('whatsapp', null, describeIssues('invalid value', value.error), raw)];

  const v = value.data;
  const routingId = v.metadata.phone_number_id;
  // A malformed contact only costs the sender's name, so it is dropped rather than reported.
  const contacts = (v.contacts ?? []).flatMap((c): WhatsAppContact[] => {
    const contact = WhatsAppContactSchema.safeParse(c);
    return contact.success ? [contact.data] : [];
  });
  const items: InboundItem[] = [
    ...(v.messages ?? []).map((m) => parseWhatsAppMessage(m, routingId, contacts)),
    ...(v.statuses ?? []).map((s) => parseWhatsAppStatus(s, routingId)),
  ];
  if (v.errors && v.errors.length > 0) items.push(accountErrors(v.errors, routingId));
  if (items.length === 0)
    items.push(unparseable('whatsapp', routingId, 'change without messages, statuses or errors', raw));
  return items;
}

function accountErrors(raw: unknown[], routingId: string): InboundItem {
  const errors = MetaErrorSchema.array().safeParse(raw);
  if (!errors.success)
    return unparseable('whatsapp', routingId, describeIssues('invalid errors', errors.error), raw);
  return { kind: 'errors', channel: 'whatsapp', routingId, errors: errors.data };
}

const ACCESS_REMOVED = ['PARTNER_APP_UNINSTALLED', 'PARTNER_REMOVED'] as const;
const removesAccess = (event: string): event is (typeof ACCESS_REMOVED)[number] =>
  (ACCESS_REMOVED as readonly string[]).includes(event);

/** The business took this app's access away from its WABA; any other account update is kept as is. */
function accountUpdate(value: unknown, raw: unknown): InboundItem {
  const update = WhatsAppAccountUpdateSchema.safeParse(value);
  if (!update.success)
    return unparseable('whatsapp', null, describeIssues('invalid account_update', update.error), raw);
  const { event, waba_info } = update.data;
  if (!removesAccess(event)) return unparseable('whatsapp', null, `unhandled account_update "${event}"`, raw);
  if (!waba_info) return unparseable('whatsapp', null, `account_update "${event}" without waba_info`, raw);
  return {
    kind: 'account_removed',
    channel: 'whatsapp',
    routingId: null,
    wabaId: waba_info.waba_id,
    event,
  };
}
