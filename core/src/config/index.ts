export { APP_DATABASE_ROLE, type Config, ConfigError, loadConfig } from './config.ts';
export { envBoolean, envPort, envPositiveInt, envUrl } from './env.ts';
