import { type Config, ConfigError, loadConfig } from './config/index.ts';
import { createLogger, type Logger } from './logger.ts';

type Service = { close: () => Promise<void> };

/**
 * Runs a long-lived process: parses the config (listing every problem and exiting 1 if invalid),
 * starts the service, and closes it gracefully on SIGTERM/SIGINT (a second signal exits at once).
 */
export async function runService(
  name: string,
  start: (config: Config, logger: Logger) => Promise<Service>,
): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  const logger = createLogger({ level: config.logLevel, base: { service: name } });
  let service: Service;
  try {
    service = await start(config, logger);
  } catch (error) {
    logger.fatal({ category: 'lifecycle', err: error }, `${name} failed to start`);
    process.exit(1);
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ category: 'lifecycle', signal }, `${name} stopping`);
    service.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ category: 'lifecycle', err: error }, `${name} did not stop cleanly`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
