export {
  APP_DATABASE_ROLE,
  type Config,
  ConfigError,
  loadConfig,
  type MetaConfig,
  type PortalConfig,
  type SvixConfig,
  type WebhooksConfig,
} from './config.ts';
export { envBoolean, envPort, envPositiveInt, envUrl } from './env.ts';
