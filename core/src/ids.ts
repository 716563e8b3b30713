import { monotonicFactory } from 'ulid';

/** Prefixes of our public ids; the ULID after the prefix sorts by creation time. */
export const ID_PREFIX = {
  partner: 'ptn',
  apiKey: 'key',
  workspace: 'ws',
  policy: 'pol',
  request: 'req',
  connection: 'con',
  connectSession: 'cs',
  user: 'usr',
  portalSession: 'ses',
  signInLink: 'sil',
  event: 'evt',
  contact: 'ctc',
  conversation: 'cnv',
  message: 'msg',
  draft: 'drf',
  webhookEvent: 'whe',
  webhookEndpoint: 'whep',
  webhookDelivery: 'whd',
  webhookAttempt: 'wha',
} as const;

export type IdKind = keyof typeof ID_PREFIX;

const nextUlid = monotonicFactory();

/** A new opaque, time-sortable id such as `ws_01JD5Q4ZB7S0M6G4B6Y7R1T2QX`. */
export function newId(kind: IdKind): string {
  return `${ID_PREFIX[kind]}_${nextUlid()}`;
}
