/** The workers process on its own: `npm start -w @laras/workers`. (`npm start` at the root runs the demo.) */
import { ConfigError, createLogger, loadConfig } from '@laras/core';
import { startWorkers } from './start.ts';

try {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, base: { service: 'workers' } });
  const workers = await startWorkers(config, logger);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      workers.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
