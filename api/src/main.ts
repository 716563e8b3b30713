/** The API process on its own: `npm start -w @laras/api`. (`npm start` at the root runs the whole demo.) */
import { ConfigError, createLogger, loadConfig } from '@laras/core';
import { startApiServer } from './server.ts';

try {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, base: { service: 'api' } });
  const api = await startApiServer(config, logger);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      api.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
