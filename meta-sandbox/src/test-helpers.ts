/** Helpers for the sandbox's own tests: a sandbox on a movable clock and small HTTP shortcuts. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type MetaSandbox, startMetaSandbox } from './server.ts';

export type TestSandbox = MetaSandbox & {
  /** Moves the sandbox clock forward. */
  advance(seconds: number): void;
  get(path: string, token?: string): Promise<{ status: number; body: Record<string, unknown> }>;
  post(
    path: string,
    body?: Record<string, string>,
    options?: { token?: string; json?: boolean },
  ): Promise<{ status: number; body: Record<string, unknown> }>;
};

export async function startTestSandbox(): Promise<TestSandbox> {
  let now = new Date('2026-03-01T09:00:00Z');
  const sandbox = await startMetaSandbox({ port: 0, now: () => now });
  const send = async (path: string, init: RequestInit) => {
    const response = await fetch(`${sandbox.url}${path}`, init);
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  return Object.assign(sandbox, {
    advance(seconds: number) {
      now = new Date(now.getTime() + seconds * 1000);
    },
    get: (path: string, token?: string) =>
      send(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} }),
    post: (
      path: string,
      body: Record<string, string> = {},
      options: { token?: string; json?: boolean } = {},
    ) =>
      send(path, {
        method: 'POST',
        headers: {
          ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
          'Content-Type': options.json ? 'application/json' : 'application/x-www-form-urlencoded',
        },
        body: options.json ? JSON.stringify(body) : new URLSearchParams(body).toString(),
      }),
  });
}

/** The `{ error: {…} }` of a Graph error answer. */
export function graphErrorOf(body: Record<string, unknown>): Record<string, unknown> {
  const error = body.error;
  if (!error || typeof error !== 'object') throw new Error(`not a Graph error: ${JSON.stringify(body)}`);
  return error as Record<string, unknown>;
}

export type ReceivedWebhook = { method: string; path: string; headers: Record<string, string>; raw: Buffer };

export type WebhookReceiver = {
  url: string;
  received: ReceivedWebhook[];
  /** Statuses to answer with next, in order (then 200). */
  answerNext(...statuses: number[]): void;
  close(): Promise<void>;
};

/** A tiny "platform": node:http on an ephemeral port that keeps every request's exact bytes. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const queue: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(req.headers)) headers[key] = String(value);
      received.push({ method: req.method ?? '', path: req.url ?? '', headers, raw: Buffer.concat(chunks) });
      res.statusCode = queue.shift() ?? 200;
      res.setHeader('Content-Type', 'application/json');
      res.end(res.statusCode < 300 ? '{"received":true}' : '{"error":"no"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answerNext: (...statuses) => queue.push(...statuses),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** What a platform does: HMAC-SHA256 of the raw bytes with the secret, compared in constant time. */
export function verifiesWith(webhook: ReceivedWebhook, secret: string): boolean {
  const header = webhook.headers['x-hub-signature-256'] ?? '';
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(webhook.raw).digest('hex')}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
