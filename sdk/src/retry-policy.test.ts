import { operationIndex } from '@laras/openapi';
import { describe, expect, it } from 'vitest';
import { backoffDelay, isRetryableResponse, isRetrySafe, parseRetryAfter } from './retry-policy.ts';

const get = new Request('http://127.0.0.1/v1/workspaces');
const postWithKey = new Request('http://127.0.0.1/v1/workspaces', {
  method: 'POST',
  headers: { 'Idempotency-Key': 'k1' },
});
const postWithoutKey = new Request('http://127.0.0.1/v1/workspaces', { method: 'POST' });

describe('isRetrySafe', () => {
  it('accepts idempotent methods and POSTs with an Idempotency-Key', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH']) {
      expect(isRetrySafe(new Request('http://127.0.0.1/', { method }))).toBe(true);
    }
    expect(isRetrySafe(postWithKey)).toBe(true);
    expect(isRetrySafe(postWithoutKey)).toBe(false);
  });
});

describe('isRetryableResponse', () => {
  it('retries 429 for any request, transient 5xx only when safe', () => {
    expect(isRetryableResponse(postWithoutKey, 429, '')).toBe(true);
    for (const status of [408, 500, 502, 503, 504]) {
      expect(isRetryableResponse(get, status, '')).toBe(true);
      expect(isRetryableResponse(postWithKey, status, '')).toBe(true);
      expect(isRetryableResponse(postWithoutKey, status, '')).toBe(false);
    }
  });

  it('never retries a 429 of a sign-in: that is a lockout to report, not to wait out', () => {
    for (const id of ['createSession', 'redeemSignInLink', 'createConsoleSession'] as const) {
      const { path } = operationIndex[id];
      for (const base of ['http://127.0.0.1', 'https://portal.acme.test/prefix']) {
        const signIn = new Request(`${base}${path}`, {
          method: 'POST',
          headers: { 'Idempotency-Key': 'k1' },
        });
        expect(isRetryableResponse(signIn, 429, ''), `${id} at ${base}`).toBe(false);
        // Only the lockout is special: a sign-in that met a 503 is still retried.
        expect(isRetryableResponse(signIn, 503, '')).toBe(true);
      }
    }
    // Other operations on neighbouring paths keep retrying their 429s.
    for (const path of ['/v1/session', '/v1/console-sessions/current']) {
      expect(isRetryableResponse(new Request(`http://127.0.0.1${path}`), 429, '')).toBe(true);
    }
  });

  it('never retries the caller’s own errors', () => {
    for (const status of [400, 401, 403, 404, 405, 413, 415, 422, 501]) {
      expect(isRetryableResponse(get, status, '')).toBe(false);
    }
  });

  it('retries a 409 only while the same idempotent request is still in progress', () => {
    const inProgress = JSON.stringify({ error: { code: 'idempotency_key_in_progress', message: 'x' } });
    const reused = JSON.stringify({ error: { code: 'idempotency_key_reused', message: 'x' } });
    expect(isRetryableResponse(postWithKey, 409, inProgress)).toBe(true);
    expect(isRetryableResponse(postWithKey, 409, reused)).toBe(false);
    expect(isRetryableResponse(postWithKey, 409, '<html>')).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-25T10:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter(' 1.5 ', now)).toBe(1500);
  });

  it('reads an HTTP date, and a past one as no wait', () => {
    expect(parseRetryAfter('Wed, 25 Nov 2026 10:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 09:59:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('doubles per retry within jitter bounds and is capped', () => {
    expect(backoffDelay(1, () => 0)).toBe(250);
    expect(backoffDelay(1, () => 1)).toBe(500);
    expect(backoffDelay(2, () => 0)).toBe(500);
    expect(backoffDelay(3, () => 1)).toBe(2000);
    expect(backoffDelay(10, () => 1)).toBe(8000);
    expect(backoffDelay(10, () => 0)).toBe(4000);
  });
});
