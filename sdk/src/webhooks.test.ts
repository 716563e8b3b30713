import { enums } from '@laras/openapi';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { LARAS_EVENT_TYPES, LarasWebhookVerificationError, verifyWebhook } from './webhooks.ts';

const secret = `whsec_${Buffer.alloc(32, 3).toString('base64')}`;
const event = {
  id: 'evt_01JD5Q4ZB7S0M6G4B6Y7R1T2QX',
  type: 'draft.approved',
  created_at: '2026-12-02T00:00:00.000Z',
  workspace_id: 'ws_01JD5Q4ZB7S0M6G4B6Y7R1T2QX',
  data: {
    draft_id: 'drf_01JD5Q4ZB7S0M6G4B6Y7R1T2QX',
    conversation_id: 'conv_01JD5Q4ZB7S0M6G4B6Y7R1T2QX',
    edited: false,
  },
};

function signed(body: string, at = new Date(), key = secret) {
  return {
    'webhook-id': event.id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(key).sign(event.id, at, body),
  };
}

describe('verifyWebhook', () => {
  const body = JSON.stringify(event);

  it('returns the typed event of an authentic delivery (Node headers or fetch Headers)', () => {
    const verified = verifyWebhook(body, signed(body), secret);
    expect(verified).toEqual(event);
    expect(verifyWebhook(body, new Headers(signed(body)), secret).type).toBe('draft.approved');
  });

  it('accepts a delivery signed by the old and the new secret during a rotation', () => {
    const other = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
    const headers = signed(body);
    headers['webhook-signature'] += ` ${signed(body, new Date(), other)['webhook-signature']}`;
    expect(verifyWebhook(body, headers, other).id).toBe(event.id);
    expect(verifyWebhook(body, headers, secret).id).toBe(event.id);
  });

  it.each([
    ['a tampered body', (h: Record<string, string>) => [body.replace('approved', 'rejected'), h] as const],
    ['a wrong secret', () => [body, signed(body, new Date(), `whsec_${'A'.repeat(43)}=`)] as const],
    ['an old timestamp', () => [body, signed(body, new Date(Date.now() - 10 * 60_000))] as const],
    [
      'a missing signature',
      (h: Record<string, string>) => [body, { ...h, 'webhook-signature': '' }] as const,
    ],
  ])('throws LarasWebhookVerificationError on %s', (_, make) => {
    const [payload, headers] = make(signed(body));
    expect(() => verifyWebhook(payload, headers, secret)).toThrow(LarasWebhookVerificationError);
  });

  it('verifies a delivery through Svix, whose svix-* headers carry its own message id', () => {
    const at = new Date();
    const messageId = 'msg_2Zl1F6s8NmPq3XrT5vW7yA9bC0d';
    const headers = {
      'Svix-Id': messageId,
      'Svix-Timestamp': String(Math.floor(at.getTime() / 1000)),
      'Svix-Signature': new Webhook(secret).sign(messageId, at, body),
    };
    expect(verifyWebhook(body, headers, secret).id).toBe(event.id);
    expect(verifyWebhook(body, new Headers(headers), secret).id).toBe(event.id);
    const forged = {
      ...headers,
      'Svix-Signature': signed(body, at, `whsec_${'A'.repeat(43)}=`)['webhook-signature'],
    };
    expect(() => verifyWebhook(body, forged, secret)).toThrow(LarasWebhookVerificationError);
  });

  it.each([
    ['no signature headers at all', {}],
    ['a svix-* set without its signature', { 'svix-id': event.id, 'svix-timestamp': '1' }],
    [
      'a webhook-* set completed by a svix-* signature',
      {
        ...signed(body),
        'webhook-signature': undefined,
        'svix-signature': signed(body)['webhook-signature'],
      },
    ],
  ])('refuses %s', (_, headers) => {
    expect(() => verifyWebhook(body, headers, secret)).toThrow(/header(s are| is) missing/);
  });

  it('returns events about the partner itself, whose workspace_id is null', () => {
    const disabled = JSON.stringify({
      ...event,
      type: 'webhook_endpoint.disabled',
      workspace_id: null,
      data: { endpoint_id: 'whe_01JD5Q4ZB7S0M6G4B6Y7R1T2QX', url: 'https://hooks.example/laras' },
    });
    expect(verifyWebhook(disabled, signed(disabled), secret)).toMatchObject({
      type: 'webhook_endpoint.disabled',
      workspace_id: null,
    });
  });

  it('returns an authentic event of a type newer than this SDK, for the receiver to ignore', () => {
    const newer = JSON.stringify({ ...event, type: 'catalog.imported' });
    expect(LARAS_EVENT_TYPES).not.toContain('catalog.imported');
    expect(verifyWebhook(newer, signed(newer), secret).type).toBe('catalog.imported');
  });

  it.each([
    ['no envelope', { hello: 'world' }],
    ['no data', { ...event, data: null }],
    ['a workspace_id that is not a string', { ...event, workspace_id: 42 }],
    ['no type', { ...event, type: undefined }],
  ])('refuses a signed body that is not a Laras event: %s', (_, body) => {
    const other = JSON.stringify(body);
    expect(() => verifyWebhook(other, signed(other), secret)).toThrow(/not a Laras event/);
  });
});

describe('LARAS_EVENT_TYPES', () => {
  it("is the spec's event catalog, in its order", () => {
    expect(LARAS_EVENT_TYPES).toEqual(enums.EventType);
    expect(LARAS_EVENT_TYPES).toContain('webhook_endpoint.disabled');
  });
});
