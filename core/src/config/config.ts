/**
 * The one configuration of a process, parsed from the environment once at start. Fragments are
 * composed here; every process (api, workers, CLI, start) calls `loadConfig()` and passes the result
 * down. Nothing else reads `process.env`.
 */
import { z } from 'zod';
import { envBoolean, envPort, envPositiveInt, envUrl } from './env.ts';

const DEV_SECRETS = { SESSION_SECRET: 'laras-dev-session-secret-change-me' } as const;

const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PORT: envPort.default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    PUBLIC_URL: envUrl(['http:', 'https:']).default('http://localhost:3000'),
    DATABASE_URL: envUrl(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432/laras'),
    DATABASE_APP_URL: envUrl(['postgres:', 'postgresql:']).optional(),
    DATABASE_POOL_MAX: envPositiveInt.default(10),
    REDIS_URL: envUrl(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
    REDIS_PREFIX: z
      .string()
      .regex(/^[a-z0-9_:-]+$/i)
      .default('laras:'),
    API_BODY_LIMIT_BYTES: envPositiveInt.default(1_048_576),
    API_RATE_LIMIT_PER_MINUTE: envPositiveInt.default(600),
    API_TRUST_PROXY: envBoolean.default(false),
    SESSION_SECRET: z.string().min(32).default(DEV_SECRETS.SESSION_SECRET),
    DEMO_SEED: envBoolean.default(true),
  })
  .superRefine((config, ctx) => {
    if (config.NODE_ENV !== 'production') return;
    for (const [name, devValue] of Object.entries(DEV_SECRETS)) {
      if (config[name as keyof typeof DEV_SECRETS] === devValue) {
        ctx.addIssue({ code: 'custom', path: [name], message: 'must be set in production' });
      }
    }
  });

type RawConfig = z.infer<typeof ConfigSchema>;

export type Config = {
  env: RawConfig['NODE_ENV'];
  logLevel: RawConfig['LOG_LEVEL'];
  http: { port: number; host: string; publicUrl: string; bodyLimitBytes: number; trustProxy: boolean };
  database: { ownerUrl: string; appUrl: string; poolMax: number };
  redis: { url: string; prefix: string };
  rateLimit: { perMinute: number };
  sessionSecret: string;
  demoSeed: boolean;
};

/** Thrown when the environment does not describe a valid configuration; lists every problem. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The role the app connects as: not the owner of the tables, so row-level security applies to it. */
export const APP_DATABASE_ROLE = 'laras_app';

/** The app's database URL: the owner's URL with the app role as user, unless given explicitly. */
function deriveAppUrl(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  url.username = APP_DATABASE_ROLE;
  url.password = '';
  return url.toString();
}

/** Parses the environment (by default `process.env`) into a typed configuration, or throws ConfigError. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const c = parsed.data;
  return {
    env: c.NODE_ENV,
    logLevel: c.LOG_LEVEL,
    http: {
      port: c.PORT,
      host: c.HOST,
      publicUrl: c.PUBLIC_URL,
      bodyLimitBytes: c.API_BODY_LIMIT_BYTES,
      trustProxy: c.API_TRUST_PROXY,
    },
    database: {
      ownerUrl: c.DATABASE_URL,
      appUrl: c.DATABASE_APP_URL ?? deriveAppUrl(c.DATABASE_URL),
      poolMax: c.DATABASE_POOL_MAX,
    },
    redis: { url: c.REDIS_URL, prefix: c.REDIS_PREFIX },
    rateLimit: { perMinute: c.API_RATE_LIMIT_PER_MINUTE },
    sessionSecret: c.SESSION_SECRET,
    demoSeed: c.DEMO_SEED,
  };
}
