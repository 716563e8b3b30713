import type { Config, Knex, Logger } from '@laras/core';
import type { KeyRing } from '@laras/core/vault';
import type { Redis } from 'ioredis';

/** What the HTTP layer needs from the process: built once at start and handed to `createApp`. */
export type AppDeps = {
  config: Config;
  /** Connected as the app role: row-level security applies. */
  db: Knex;
  /** A client that fails fast rather than queueing commands while Redis is down. */
  redis: Redis;
  logger: Logger;
  /** The token vault's key ring. */
  vault: KeyRing;
  /** The built portal to serve; defaults to this repository's portal/dist. */
  portalDir?: string;
};
