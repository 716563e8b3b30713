import { describe, expect, it } from 'vitest';
import { MetaApiError, toMetaApiError } from './meta-error.ts';

describe('MetaApiError', () => {
  const error = (status: number, code: number) =>
    new MetaApiError('op', status, code, undefined, undefined, 'x');

  it('treats 5xx, throttling and code 2 as transient', () => {
    expect(error(500, 1).isTransient).toBe(true);
    expect(error(400, 2).isTransient).toBe(true);
    expect(error(400, 4).isTransient).toBe(true);
    expect(error(429, 100).isTransient).toBe(true);
  });

  it('does not retry code 1 on a 400 (a bad client secret)', () => {
    expect(error(400, 1).isTransient).toBe(false);
  });

  it('reads Graph and api.instagram.com error shapes', () => {
    const graph = toMetaApiError('op', 400, { error: { message: 'Invalid', code: 190, fbtrace_id: 'T' } });
    expect(graph.isInvalidToken).toBe(true);
    const flat = toMetaApiError('op', 400, {
      error_type: 'OAuthException',
      code: 400,
      error_message: 'bad code',
    });
    expect(flat.code).toBe(400);
  });
});
