/**
 * One platform process of the API read benchmark, started by `api-platform.ts` with `fork()`: the
 * real API server (`api`) or the real workers (`workers`), configured from the environment exactly
 * as `npm start -w …` would be. It runs in its own process so its resident size is its own and the
 * load generator does not share its event loop. It reports where it listens, then its memory every
 * 250 ms over IPC, and shuts down gracefully on SIGTERM or when the parent goes away.
 */
import { startApiServer } from '@laras/api';
import { createLogger, loadConfig } from '@laras/core';
import { startWorkers } from '@laras/workers';

export type ChildRole = 'api' | 'workers';

export type ChildMessage =
  | { kind: 'ready'; url: string | null }
  | {
      kind: 'memory';
      rss: number;
      heapUsed: number;
      heapTotal: number;
      external: number;
      /** CPU time used by the process so far (user + system), ms. */
      cpuMs: number;
    };

const MEMORY_EVERY_MS = 250;

function send(message: ChildMessage): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const role = process.argv[2] as ChildRole | undefined;
  if (role !== 'api' && role !== 'workers') throw new Error('usage: api-child.ts api|workers');
  const config = loadConfig();
  const logger = createLogger({ level: 'silent' });
  const service = role === 'api' ? await startApiServer(config, logger) : await startWorkers(config, logger);
  send({ kind: 'ready', url: 'url' in service ? service.url : null });
  const timer = setInterval(() => {
    const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
    const cpu = process.cpuUsage();
    send({ kind: 'memory', rss, heapUsed, heapTotal, external, cpuMs: (cpu.user + cpu.system) / 1000 });
  }, MEMORY_EVERY_MS);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    service.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
}

await main();
