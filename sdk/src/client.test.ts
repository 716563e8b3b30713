/** The client's transport against small local stub servers: retries, Retry-After, idempotency keys, timeouts. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLaras } from './index.ts';

type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | 'hang';
type Seen = { method: string; url: string; headers: IncomingMessage['headers']; body: string };

const running: Array<{ server: Server; sockets: Set<Socket> }> = [];
afterEach(async () => {
  for (const { server, sockets } of running.splice(0)) {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A server that answers each request with the next scripted reply (the last one repeats). */
async function stub(replies: Reply[]) {
  const seen: Seen[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const reply = replies[Math.min(seen.length - 1, replies.length - 1)] ?? { status: 500 };
      if (reply === 'hang') return;
      res.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  running.push({ server, sockets });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { baseUrl, seen };
}

const apiKey = 'lrs_test_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN';
const workspace = {
  id: 'ws_01JD5Q4ZB7S0M6G4B6Y7R1T2QX',
  name: 'Kopi',
  external_id: null,
  metadata: {},
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};
const unavailable = (retryAfter = '0'): Reply => ({
  status: 503,
  headers: { 'Retry-After': retryAfter },
  body: { error: { code: 'service_unavailable', message: 'down', request_id: 'req_1' } },
});

describe('createLaras', () => {
  it('sends the key and a user agent, and parses typed data', async () => {
    const { baseUrl, seen } = await stub([{ status: 200, body: workspace }]);
    const laras = createLaras({ apiKey, baseUrl });
    const { data, error } = await laras.getWorkspace({ params: { path: { workspace_id: workspace.id } } });
    expect(error).toBeUndefined();
    expect(data?.name).toBe('Kopi');
    expect(seen[0]?.url).toBe(`/v1/workspaces/${workspace.id}`);
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(seen[0]?.headers['user-agent']).toMatch(/^laras-sdk\//);
  });

  it('retries a 503 honouring Retry-After, then succeeds', async () => {
    const { baseUrl, seen } = await stub([unavailable(), unavailable(), { status: 200, body: workspace }]);
    const laras = createLaras({ apiKey, baseUrl, maxRetries: 2 });
    const { data } = await laras.getWorkspace({ params: { path: { workspace_id: workspace.id } } });
    expect(data?.id).toBe(workspace.id);
    expect(seen).toHaveLength(3);
  });

  it('gives up after maxRetries and returns the last error typed', async () => {
    const { baseUrl, seen } = await stub([unavailable()]);
    const laras = createLaras({ apiKey, baseUrl, maxRetries: 1 });
    const { data, error, response } = await laras.listWorkspaces();
    expect(data).toBeUndefined();
    expect(response.status).toBe(503);
    expect(error?.error.code).toBe('service_unavailable');
    expect(seen).toHaveLength(2);
  });

  it('does not wait for a Retry-After longer than it allows', async () => {
    const { baseUrl, seen } = await stub([unavailable('3600')]);
    const laras = createLaras({ apiKey, baseUrl, maxRetries: 3, maxRetryAfterMs: 1000 });
    const { response } = await laras.listWorkspaces();
    expect(response.status).toBe(503);
    expect(seen).toHaveLength(1);
  });

  it('does not retry other client errors', async () => {
    const { baseUrl, seen } = await stub([
      {
        status: 400,
        body: { error: { code: 'invalid_request', message: 'bad', request_id: 'req_1', param: 'name' } },
      },
    ]);
    const laras = createLaras({ apiKey, baseUrl });
    const { error } = await laras.createWorkspace({ body: { name: '' } });
    expect(error?.error.param).toBe('name');
    expect(seen).toHaveLength(1);
  });

  it('gives every POST one Idempotency-Key, the same on every retry', async () => {
    const { baseUrl, seen } = await stub([unavailable(), { status: 201, body: workspace }]);
    const laras = createLaras({ apiKey, baseUrl });
    await laras.createWorkspace({ body: { name: 'Kopi' } });
    await laras.listWorkspaces();
    const [first, retry, list] = seen;
    expect(first?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(retry?.headers['idempotency-key']).toBe(first?.headers['idempotency-key']);
    expect(retry?.body).toBe(JSON.stringify({ name: 'Kopi' }));
    expect(list?.headers['idempotency-key']).toBeUndefined();
  });

  it('keeps an Idempotency-Key the caller gives', async () => {
    const { baseUrl, seen } = await stub([{ status: 201, body: workspace }]);
    const laras = createLaras({ apiKey, baseUrl });
    await laras.createWorkspace({ body: { name: 'Kopi' }, headers: { 'Idempotency-Key': 'my-key-1' } });
    expect(seen[0]?.headers['idempotency-key']).toBe('my-key-1');
  });

  it('times out a server that never answers', async () => {
    const { baseUrl } = await stub(['hang']);
    const laras = createLaras({ apiKey, baseUrl, timeoutMs: 150, maxRetries: 0 });
    await expect(laras.listWorkspaces()).rejects.toThrow(/timed out/i);
  });

  it('rejects unusable options with a clear message', () => {
    expect(() => createLaras({ apiKey: 'sk_live_123', baseUrl: 'http://x' })).toThrow(/apiKey/);
    expect(() => createLaras({ apiKey, baseUrl: 'localhost:3000' })).toThrow(/baseUrl/);
    expect(() => createLaras({ apiKey, baseUrl: 'ftp://x' })).toThrow(/baseUrl/);
    expect(() => createLaras({ apiKey, baseUrl: 'http://x', timeoutMs: -1 })).toThrow(/timeoutMs/);
  });
});
