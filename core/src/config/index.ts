export {
  APP_DATABASE_ROLE,
  type Config,
  ConfigError,
  type DnsConfig,
  loadConfig,
  type MetaConfig,
  type PortalConfig,
  type SvixConfig,
  type WebhooksConfig,
} from './config.ts';
export { envBoolean, envDnsServers, envPort, envPositiveInt, envUrl } from './env.ts';
