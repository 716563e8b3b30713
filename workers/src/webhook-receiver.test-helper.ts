/** A webhook receiver on 127.0.0.1 for tests: records every request and answers as told. */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Received = { headers: IncomingHttpHeaders; body: string; path: string };

export type Receiver = {
  url: string;
  received: Received[];
  /** How to answer; default 200 "ok". */
  respond: (res: ServerResponse) => void;
  /** Resolves with the next request that arrives. */
  next: () => Promise<Received>;
  close: () => Promise<void>;
};

export async function startReceiver(): Promise<Receiver> {
  const waiting: Array<(r: Received) => void> = [];
  const receiver: Receiver = {
    url: '',
    received: [],
    respond: (res) => res.end('ok'),
    next: () => new Promise((resolve) => waiting.push(resolve)),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const got = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), path: req.url ?? '' };
      receiver.received.push(got);
      for (const resolve of waiting.splice(0)) resolve(got);
      receiver.respond(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}
