import { describe, expect, it } from 'vitest';
import { signMetaPayload, verifyHandshake, verifyMetaSignature } from './signature.ts';

// GENERATED vectors of the Meta reference (webhook-signature-vectors.json), secret `test_app_secret`.
const SECRET = 'test_app_secret';
const TEXT_BODY =
  '{"object":"whatsapp_business_account","entry":[{"id":"419561257915477","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=","timestamp":"1749416383","type":"text","text":{"body":"Does it come in another color?"}}]},"field":"messages"}]}]}';
const TEXT_SIGNATURE = 'sha256=05425dca287e36f60b5b42254ae7fa13f010d6f9febd93f65d1dd83d79ad0484';
const WRONG_SECRET_SIGNATURE = 'sha256=447275ca2a7a106afc5748d3bab32e42864a1f4a2af9e7e9f0e93578020c7e12';
const ESCAPED_BODY =
  '{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"J\\u00fcrgen \\u00c4lvarez"},"wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=","timestamp":"1749416383","type":"text","text":{"body":"Gr\\u00fc\\u00df dich \\ud83d\\udc4b"}}]},"field":"messages"}]}]}';
const ESCAPED_SIGNATURE = 'sha256=d79d01418d80b07c59de2585964a37a70c85707e0a9745a29ede6e2252cfc337';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('verifyMetaSignature', () => {
  it('accepts the reference vectors, escaped unicode included', () => {
    expect(verifyMetaSignature(bytes(TEXT_BODY), TEXT_SIGNATURE, SECRET)).toBe(true);
    expect(verifyMetaSignature(bytes(ESCAPED_BODY), ESCAPED_SIGNATURE, SECRET)).toBe(true);
    expect(signMetaPayload(bytes(TEXT_BODY), SECRET)).toBe(TEXT_SIGNATURE);
  });

  it('refuses the same JSON re-serialised with literal characters', () => {
    const reserialised = JSON.stringify(JSON.parse(ESCAPED_BODY));
    expect(reserialised).not.toBe(ESCAPED_BODY);
    expect(verifyMetaSignature(bytes(reserialised), ESCAPED_SIGNATURE, SECRET)).toBe(false);
  });

  it('refuses another secret, an altered byte, and missing or malformed headers', () => {
    expect(verifyMetaSignature(bytes(TEXT_BODY), WRONG_SECRET_SIGNATURE, SECRET)).toBe(false);
    expect(verifyMetaSignature(bytes(TEXT_BODY), TEXT_SIGNATURE, 'another_secret')).toBe(false);
    const altered = bytes(TEXT_BODY);
    altered[altered.length - 3] = 0x20;
    expect(verifyMetaSignature(altered, TEXT_SIGNATURE, SECRET)).toBe(false);
    for (const header of [
      undefined,
      '',
      'sha256=',
      TEXT_SIGNATURE.slice(7),
      `sha1=${TEXT_SIGNATURE.slice(7)}`,
      TEXT_SIGNATURE.slice(0, -2),
      `${TEXT_SIGNATURE}00`,
      `${TEXT_SIGNATURE.slice(0, -1)}g`,
    ]) {
      expect(verifyMetaSignature(bytes(TEXT_BODY), header, SECRET), String(header)).toBe(false);
    }
    expect(verifyMetaSignature(bytes(TEXT_BODY), signMetaPayload(TEXT_BODY, ''), '')).toBe(false);
  });

  it('accepts upper-case hex and the empty body when it is what was signed', () => {
    expect(
      verifyMetaSignature(bytes(TEXT_BODY), `sha256=${TEXT_SIGNATURE.slice(7).toUpperCase()}`, SECRET),
    ).toBe(true);
    expect(verifyMetaSignature(Buffer.alloc(0), signMetaPayload('', SECRET), SECRET)).toBe(true);
  });
});

describe('verifyHandshake', () => {
  const query = {
    'hub.mode': 'subscribe',
    'hub.challenge': '1158201444',
    'hub.verify_token': 'my-verify-token',
  };

  it('answers the challenge verbatim for the right token', () => {
    expect(verifyHandshake(query, 'my-verify-token')).toBe('1158201444');
  });

  it('answers null for a wrong token, another mode, or missing or repeated parameters', () => {
    expect(verifyHandshake(query, 'other-token')).toBeNull();
    expect(verifyHandshake({ ...query, 'hub.verify_token': 'my-verify-toke' }, 'my-verify-token')).toBeNull();
    expect(verifyHandshake({ ...query, 'hub.mode': 'unsubscribe' }, 'my-verify-token')).toBeNull();
    expect(verifyHandshake({ ...query, 'hub.challenge': '' }, 'my-verify-token')).toBeNull();
    expect(
      verifyHandshake({ ...query, 'hub.verify_token': ['my-verify-token'] }, 'my-verify-token'),
    ).toBeNull();
    expect(verifyHandshake({}, 'my-verify-token')).toBeNull();
    expect(verifyHandshake({ ...query, 'hub.verify_token': '' }, '')).toBeNull();
  });
});
