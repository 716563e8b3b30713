import { describe, expect, it } from 'vitest';
import { MetaApiError, MetaUnavailableError } from '../meta/index.ts';
import { classifySendError } from './send-errors.ts';

const meta = (status: number, code: number | undefined, subcode?: number, message = `(#${code}) boom`) =>
  new MetaApiError('send whatsapp message', status, code, subcode, 'trace', message);

const networkError = (code: string) =>
  new MetaUnavailableError(
    'send whatsapp message',
    new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) }),
  );

describe('classifySendError', () => {
  it('expires on a closed window: WhatsApp 131047 and Instagram 10 / 2534022', () => {
    expect(classifySendError(meta(400, 131047))).toEqual({
      kind: 'window_closed',
      error: { code: 131047, title: '(#131047) boom' },
    });
    expect(classifySendError(meta(400, 10, 2534022))?.kind).toBe('window_closed');
    expect(classifySendError(meta(400, 10))?.kind).toBe('failed');
  });

  it('asks for a reconnect on an invalid token (190)', () => {
    expect(classifySendError(meta(401, 190, 463))?.kind).toBe('reconnect');
  });

  it.each([
    [429, 4],
    [400, 130429],
    [400, 131056],
    [400, 80007],
    [500, 2],
    [500, 131000],
    [503, undefined],
  ])('retries throttling and Meta-side failures (HTTP %s, code %s)', (status, code) => {
    expect(classifySendError(meta(status, code))?.kind).toBe('retry');
  });

  it("fails anything else with Meta's code and message", () => {
    expect(classifySendError(meta(400, 100, undefined, '(#100) Invalid parameter'))).toEqual({
      kind: 'failed',
      error: { code: 100, title: '(#100) Invalid parameter' },
    });
    expect(classifySendError(meta(400, 131026))?.kind).toBe('failed');
    expect(classifySendError(meta(400, 1))?.kind).toBe('failed');
  });

  it('retries when Meta could not be reached at all, but never when the answer was lost on the way', () => {
    expect(classifySendError(networkError('ECONNREFUSED'))?.kind).toBe('retry');
    const timeout = new MetaUnavailableError('send', new DOMException('timed out', 'TimeoutError'));
    expect(classifySendError(timeout)).toMatchObject({
      kind: 'unknown',
      error: { code: 'send_outcome_unknown' },
    });
    expect(classifySendError(networkError('ECONNRESET'))?.kind).toBe('unknown');
  });

  it('does not claim errors that are not Meta outcomes', () => {
    expect(classifySendError(new Error('database down'))).toBeUndefined();
  });
});
