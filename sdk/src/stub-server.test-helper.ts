/**
 * A scripted HTTP server on 127.0.0.1 for the SDK's unit tests: each request gets the next reply of
 * the script (the last one repeats), and every request is recorded.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Reply =
  | { status: number; body?: unknown; text?: string; headers?: Record<string, string> }
  /** Never answers. */
  | 'hang'
  /** Sends the headers of a 200, then never finishes the body. */
  | 'stall-body'
  /** Drops the connection without an answer. */
  | 'reset';

export type SeenRequest = { method: string; url: string; headers: IncomingHttpHeaders; body: string };

export type StubServer = { baseUrl: string; seen: SeenRequest[]; close: () => Promise<void> };

export async function startStubServer(script: Reply[]): Promise<StubServer> {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const reply = script[Math.min(seen.length, script.length) - 1] ?? { status: 500 };
      if (reply === 'hang') return;
      if (reply === 'reset') {
        req.socket.destroy();
        return;
      }
      if (reply === 'stall-body') {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
        res.write('{"partial":');
        return;
      }
      const text = reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
      res.writeHead(reply.status, {
        ...(reply.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...reply.headers,
      });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A spec-shaped error body. */
export function errorBody(code: string, message = 'stub', requestId = 'req_stub') {
  return { error: { code, message, request_id: requestId } };
}
