import { describe, expect, it } from 'vitest';
import { signRequest, verifySignedRequest } from './signed-request.ts';

/** Vectors from the Meta reference (bk-rs public vector, Meta's documented payload, an Instagram-style one, a negative). */
function vectors() {
  return [
    {
      secret: 'key',
      signedRequest:
        'Mf_s6nTb38UYqioBmPqu0Ewm9souPZB9I2fIGwV729U.eyJ1c2VyX2lkIjoiMCIsImFsZ29yaXRobSI6IkhNQUMtU0hBMjU2IiwiaXNzdWVkX2F0IjoxNjI0MjQ0MTU2fQ',
    },
    {
      secret: 'test_app_secret',
      signedRequest:
        '9C3os-BVqHdGR8ArmepqNL8RgHPK_ApB7oJt2EtN234.eyJ1c2VyX2lkIjoiMjE4NDcxIiwiYWxnb3JpdGhtIjoiSE1BQy1TSEEyNTYiLCJpc3N1ZWRfYXQiOjEyOTE4MzY4MDAsImV4cGlyZXMiOjEyOTE4NDA0MDB9',
    },
    {
      secret: 'test_instagram_app_secret',
      signedRequest:
        'T7rcFSpsos5T9G63qEt4hVVuMNzmqciV9Nnfmlr9c7A.eyJ1c2VyX2lkIjoiMTc4NDE0MDAwMDAwMDAwMDEiLCJhbGdvcml0aG0iOiJITUFDLVNIQTI1NiIsImlzc3VlZF9hdCI6MTc1MDAwMDAwMH0',
    },
    {
      secret: 'test_app_secret',
      signedRequest:
        '9C3osABVqHdGR8ArmepqNL8RgHPK_ApB7oJt2EtN234.eyJ1c2VyX2lkIjoiMjE4NDcxIiwiYWxnb3JpdGhtIjoiSE1BQy1TSEEyNTYiLCJpc3N1ZWRfYXQiOjEyOTE4MzY4MDAsImV4cGlyZXMiOjEyOTE4NDA0MDB9',
    },
  ];
}

describe('verifySignedRequest', () => {
  it("accepts Meta's vectors with their secrets", () => {
    const [bk, documented, instagram] = vectors();
    expect(verifySignedRequest(bk?.signedRequest ?? '', 'key')).toMatchObject({ user_id: '0' });
    expect(verifySignedRequest(documented?.signedRequest ?? '', 'test_app_secret')).toMatchObject({
      user_id: '218471',
      issued_at: 1291836800,
    });
    expect(verifySignedRequest(instagram?.signedRequest ?? '', 'test_instagram_app_secret')).toMatchObject({
      user_id: '17841400000000001',
    });
  });

  it('rejects a changed signature, another secret, and malformed input', () => {
    const all = vectors();
    const negative = all[3]?.signedRequest ?? '';
    expect(verifySignedRequest(negative, 'test_app_secret')).toBeUndefined();
    expect(verifySignedRequest(all[1]?.signedRequest ?? '', 'other-secret')).toBeUndefined();
    for (const bad of ['', '.', 'abc', 'abc.', '.payload', 'a.b.c', 'x'.repeat(9000)]) {
      expect(verifySignedRequest(bad, 'test_app_secret'), bad.slice(0, 10)).toBeUndefined();
    }
  });

  it('rejects everything when the secret is empty, even a request signed with it', () => {
    expect(
      verifySignedRequest(signRequest({ algorithm: 'HMAC-SHA256', user_id: '1' }, ''), ''),
    ).toBeUndefined();
  });

  it('rejects another algorithm even when correctly signed', () => {
    const signed = signRequest({ algorithm: 'HMAC-SHA1', user_id: '1' }, 's');
    expect(verifySignedRequest(signed, 's')).toBeUndefined();
    expect(
      verifySignedRequest(signRequest({ algorithm: 'HMAC-SHA256', user_id: 7 }, 's'), 's'),
    ).toMatchObject({
      user_id: '7',
    });
  });
});
