/**
 * How fast a Node server takes a burst of new TCP connections, idle and busy: the reason the
 * ingest bench opens its connections before each step (`openConnections` in
 * `lib/inbound-load.ts`). A server child listens on loopback; this process opens `--connections`
 * at once and the child reports how long it took to accept them all and how many turns of its
 * event loop that spanned. "Busy" keeps the child's loop turning every ~`--turn-ms` of CPU, as a
 * server under load does. Run: `npm run -s bench:accept-burst [-- --connections 300 --turn-ms 5]`.
 */
import { fork } from 'node:child_process';
import { connect, createServer, type Socket } from 'node:net';
import { parseArgs } from 'node:util';

type Report = { acceptedMs: number; turns: number };

/** The child: accept `count` connections, report, exit. */
function serve(count: number, turnMs: number, busy: boolean): void {
  let accepted = 0;
  let turns = 0;
  let firstAt = 0;
  let turnsAtFirst = 0;
  const server = createServer(() => {
    if (accepted === 0) {
      firstAt = performance.now();
      turnsAtFirst = turns;
    }
    accepted += 1;
    if (accepted === count) {
      const report: Report = { acceptedMs: performance.now() - firstAt, turns: turns - turnsAtFirst };
      process.send?.(report, () => process.exit(0));
    }
  });
  // One turn of a busy loop: `turnMs` of CPU, then yield to I/O (setImmediate runs after polling).
  const turn = () => {
    turns += 1;
    if (busy) {
      const until = performance.now() + turnMs;
      while (performance.now() < until) {
        // burn CPU as request handling would
      }
    }
    setImmediate(turn);
  };
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (address && typeof address === 'object') process.send?.({ port: address.port });
    turn();
  });
}

async function burst(count: number, turnMs: number, busy: boolean): Promise<Report> {
  const args = [
    '--child',
    busy ? 'busy' : 'idle',
    '--connections',
    String(count),
    '--turn-ms',
    String(turnMs),
  ];
  const child = fork(new URL(import.meta.url).pathname, args, { execArgv: ['--import', 'tsx'] });
  const port = await new Promise<number>((resolve) =>
    child.once('message', (message: { port: number }) => resolve(message.port)),
  );
  const sockets: Socket[] = Array.from({ length: count }, () => connect(port, '127.0.0.1'));
  const report = await new Promise<Report>((resolve) =>
    child.once('message', (message: Report) => resolve(message)),
  );
  for (const socket of sockets) socket.destroy();
  return report;
}

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '300' },
    'turn-ms': { type: 'string', default: '5' },
    child: { type: 'string' },
  },
});
const count = Number(values.connections);
const turnMs = Number(values['turn-ms']);
if (!(count >= 1) || !(turnMs > 0)) throw new Error('--connections and --turn-ms take positive numbers');

if (values.child) {
  serve(count, turnMs, values.child === 'busy');
} else {
  for (const busy of [false, true]) {
    const { acceptedMs, turns } = await burst(count, turnMs, busy);
    const perTurn = turns > 0 ? (count / turns).toFixed(1) : String(count);
    process.stdout.write(
      `${busy ? `busy (${turnMs} ms turns)` : 'idle'}: ${count} connections accepted in ${acceptedMs.toFixed(0)} ms over ${turns} loop turns (${perTurn} per turn)\n`,
    );
  }
}
