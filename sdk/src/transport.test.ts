/** The retry loop against scripted local servers; waits are recorded instead of slept. */
import { afterEach, describe, expect, it } from 'vitest';
import { LarasConnectionError, LarasTimeoutError } from './errors.ts';
import { errorBody, type Reply, type StubServer, startStubServer } from './stub-server.test-helper.ts';
import { createTransport, type TransportOptions } from './transport.ts';

const servers: StubServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function setup(script: Reply[], options: Partial<TransportOptions> = {}) {
  const server = await startStubServer(script);
  servers.push(server);
  const waits: number[] = [];
  const send = createTransport({
    fetch: (request) => fetch(request),
    timeoutMs: 2_000,
    maxRetries: 2,
    maxRetryAfterMs: 60_000,
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
    ...options,
  });
  return { server, waits, send, url: `${server.baseUrl}/v1/workspaces` };
}

const unavailable = (headers: Record<string, string> = {}): Reply => ({
  status: 503,
  headers,
  body: errorBody('service_unavailable'),
});
const ok: Reply = { status: 200, body: { ok: true } };

describe('createTransport', () => {
  it('retries a 503 with backoff, then returns the success', async () => {
    const { send, url, server, waits } = await setup([unavailable(), unavailable(), ok]);
    const response = await send(new Request(url));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(server.seen).toHaveLength(3);
    expect(waits).toEqual([375, 750]);
  });

  it('waits what Retry-After says, in seconds or as a date', async () => {
    const inSeconds = await setup([unavailable({ 'Retry-After': '3' }), ok]);
    await inSeconds.send(new Request(inSeconds.url));
    expect(inSeconds.waits).toEqual([3000]);

    const date = new Date(Date.now() + 30_000).toUTCString();
    const asDate = await setup([
      { status: 429, headers: { 'Retry-After': date }, body: errorBody('rate_limited') },
      ok,
    ]);
    await asDate.send(new Request(asDate.url));
    expect(asDate.waits[0]).toBeGreaterThan(27_000);
    expect(asDate.waits[0]).toBeLessThanOrEqual(30_000);
  });

  it('returns at once when Retry-After is longer than it may wait', async () => {
    const { send, url, server, waits } = await setup(
      [{ status: 429, headers: { 'Retry-After': '3600' }, body: errorBody('rate_limited') }],
      { maxRetryAfterMs: 10_000 },
    );
    const response = await send(new Request(url));
    expect(response.status).toBe(429);
    expect(server.seen).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('returns a sign-in lockout at once, although its Retry-After is short enough to wait', async () => {
    const { send, server, waits } = await setup([
      { status: 429, headers: { 'Retry-After': '60' }, body: errorBody('rate_limited') },
      { status: 201, body: { csrf_token: 't' } },
    ]);
    const signIn = new Request(`${server.baseUrl}/v1/sessions`, {
      method: 'POST',
      headers: { 'Idempotency-Key': 'k1' },
      body: '{}',
    });
    const response = await send(signIn);
    expect(response.status).toBe(429);
    expect(response.headers.get('Retry-After')).toBe('60');
    expect(server.seen).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('gives up after maxRetries and returns the last response, body intact', async () => {
    const { send, url, server } = await setup([unavailable()], { maxRetries: 3 });
    const response = await send(new Request(url));
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual(errorBody('service_unavailable'));
    expect(server.seen).toHaveLength(4);
  });

  it('does not retry other client errors', async () => {
    for (const status of [400, 401, 404, 409, 422]) {
      const { send, url, server } = await setup([{ status, body: errorBody('invalid_request') }, ok]);
      expect((await send(new Request(url))).status).toBe(status);
      expect(server.seen).toHaveLength(1);
    }
  });

  it('retries a POST whose first attempt is still in progress on the server', async () => {
    const { send, url, server, waits } = await setup([
      { status: 409, headers: { 'Retry-After': '1' }, body: errorBody('idempotency_key_in_progress') },
      { status: 201, body: { id: 'ws_1' } },
    ]);
    const request = new Request(url, { method: 'POST', headers: { 'Idempotency-Key': 'k1' }, body: '{}' });
    expect((await send(request)).status).toBe(201);
    expect(server.seen).toHaveLength(2);
    expect(waits).toEqual([1000]);
  });

  it('re-sends the same headers and body on every attempt', async () => {
    const { send, url, server } = await setup([unavailable(), unavailable(), { status: 201, body: {} }]);
    const body = JSON.stringify({ name: 'Kopi' });
    await send(
      new Request(url, {
        method: 'POST',
        headers: { 'Idempotency-Key': 'k-same', 'Content-Type': 'application/json' },
        body,
      }),
    );
    expect(server.seen.map((s) => [s.headers['idempotency-key'], s.body])).toEqual([
      ['k-same', body],
      ['k-same', body],
      ['k-same', body],
    ]);
  });

  it('does not retry a POST without an Idempotency-Key after a 5xx, but does after a 429', async () => {
    const failing = await setup([unavailable(), ok]);
    const res = await failing.send(new Request(failing.url, { method: 'POST', body: '{}' }));
    expect(res.status).toBe(503);
    expect(failing.server.seen).toHaveLength(1);

    const limited = await setup([{ status: 429, headers: { 'Retry-After': '0' }, body: {} }, ok]);
    const again = await limited.send(new Request(limited.url, { method: 'POST', body: '{}' }));
    expect(again.status).toBe(200);
  });

  it('retries a dropped connection, then throws a LarasConnectionError', async () => {
    const recovering = await setup(['reset', ok]);
    expect((await recovering.send(new Request(recovering.url))).status).toBe(200);
    expect(recovering.server.seen).toHaveLength(2);

    const down = await setup(['reset'], { maxRetries: 1 });
    const failure = await down.send(new Request(down.url)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LarasConnectionError);
    expect(failure).toMatchObject({ method: 'GET', url: down.url, attempts: 2 });
    expect(String(failure)).toMatch(/Could not reach the Laras API: GET .* \(2 attempts\)/);
    expect(down.server.seen).toHaveLength(2);
  });

  it('times out a server that never answers, and one that stalls mid-body', async () => {
    for (const reply of ['hang', 'stall-body'] as const) {
      const { send, url, server } = await setup([reply], { timeoutMs: 100, maxRetries: 1 });
      const failure = await send(new Request(url)).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(LarasTimeoutError);
      expect(failure).toMatchObject({ timeoutMs: 100, attempts: 2 });
      expect(String(failure)).toMatch(/timed out: GET http:\/\/127\.0\.0\.1:\d+\/v1\/workspaces \(100 ms/);
      expect(server.seen).toHaveLength(2);
    }
  });

  it('retries after a timeout and returns the answer of the next attempt', async () => {
    const { send, url } = await setup(['hang', ok], { timeoutMs: 1_000 });
    expect((await send(new Request(url))).status).toBe(200);
  });

  it('times out even a fetch implementation that ignores the abort signal', async () => {
    const { send, url } = await setup([], {
      timeoutMs: 50,
      maxRetries: 0,
      fetch: () => new Promise<Response>(() => {}),
    });
    await expect(send(new Request(url))).rejects.toBeInstanceOf(LarasTimeoutError);
  });

  it('stops at once, without retrying, when the caller aborts', async () => {
    const { send, url, server } = await setup(['hang']);
    const controller = new AbortController();
    const pending = send(new Request(url, { signal: controller.signal }));
    await expect.poll(() => server.seen.length).toBe(1);
    controller.abort(new Error('caller gave up'));
    await expect(pending).rejects.toThrow('caller gave up');
    expect(server.seen).toHaveLength(1);
  });
});
