import { ApiException } from 'svix';
import { describe, expect, it } from 'vitest';
import { classifySvixFailure } from './failure.ts';

const api = (status: number, body: unknown) => new ApiException(status, body, new Headers());

describe('classifySvixFailure', () => {
  it('treats a duplicate eventId (409) as already published', () => {
    expect(classifySvixFailure(api(409, { code: 'conflict', detail: 'dup' }))).toEqual({ kind: 'duplicate' });
  });

  it('retries 429, 5xx and network errors', () => {
    expect(classifySvixFailure(api(429, { code: 'rate_limited', detail: 'slow down' }))).toEqual({
      kind: 'retry',
      status: 429,
      detail: 'slow down',
    });
    expect(classifySvixFailure(api(502, 'bad gateway'))).toEqual({
      kind: 'retry',
      status: 502,
      detail: 'bad gateway',
    });
    expect(classifySvixFailure(api(503, '{"code":"x","detail":"maintenance"}'))).toMatchObject({
      detail: 'maintenance',
    });
    expect(classifySvixFailure(new TypeError('fetch failed'))).toEqual({
      kind: 'retry',
      status: null,
      detail: 'TypeError: fetch failed',
    });
  });

  it("records other 4xx as permanent with Svix's detail", () => {
    expect(classifySvixFailure(api(400, { code: 'bad', detail: 'no' }))).toEqual({
      kind: 'permanent',
      status: 400,
      detail: 'no',
    });
    const validation = { detail: [{ loc: ['body', 'eventType'], msg: 'bad pattern', type: 'value_error' }] };
    expect(classifySvixFailure(api(422, validation))).toEqual({
      kind: 'permanent',
      status: 422,
      detail: 'body.eventType: bad pattern',
    });
  });
});
