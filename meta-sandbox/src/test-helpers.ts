/** Helpers for the sandbox's own tests: a sandbox on a movable clock and small HTTP shortcuts. */
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
