/**
 * The one configuration of a process, parsed from the environment once at start. Fragments are
 * composed here; every process (api, workers, CLI, start) calls `loadConfig()` and passes the result
 * down. Nothing else reads `process.env`.
 */
import { z } from 'zod';
import { envBoolean, envDnsServers, envNonNegativeInt, envPort, envPositiveInt, envUrl } from './env.ts';

/** Development values (secrets and the sandbox's ids); production refuses to start with any of them. */
const DEV_SECRETS = {
  SESSION_SECRET: 'laras-dev-session-secret-change-me',
  META_APP_SECRET: 'sandbox-meta-app-secret',
  INSTAGRAM_APP_SECRET: 'sandbox-instagram-app-secret',
  META_VERIFY_TOKEN: 'sandbox-verify-token',
  // 32 zero-free bytes, base64: for development only.
  LARAS_ENCRYPTION_KEYS: '1:bGFyYXMtZGV2LWVuY3J5cHRpb24ta2V5LTMyLWJ5dGU=',
  // The sandbox's ids: Embedded Signup and Instagram login fail for every client with these.
  META_ES_CONFIG_ID: 'sandbox-es-config',
  INSTAGRAM_APP_ID: 'sandbox-instagram-app',
} as const;

const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PORT: envPort.default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    /** Unset: `http://localhost:<PORT>`, so links and redirects follow a changed port. */
    PUBLIC_URL: envUrl(['http:', 'https:']).optional(),
    DATABASE_URL: envUrl(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432/laras'),
    DATABASE_APP_URL: envUrl(['postgres:', 'postgresql:']).optional(),
    DATABASE_POOL_MAX: envPositiveInt.default(10),
    /** How many statements one connection prepares; 0 for none (a PgBouncer in transaction mode). */
    DATABASE_PREPARED_STATEMENTS: envNonNegativeInt.default(256),
    /** Send a statement before the one ahead of it is answered (node-postgres's pipelining). */
    DATABASE_PIPELINING: envBoolean.default(true),
    REDIS_URL: envUrl(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
    REDIS_PREFIX: z
      .string()
      .regex(/^[a-z0-9_:-]+$/i)
      .default('laras:'),
    API_BODY_LIMIT_BYTES: envPositiveInt.default(1_048_576),
    /** Meta's deliveries can reach 3 MB; refusing one makes Meta retry it for days, then drop it. */
    WEBHOOK_BODY_LIMIT_BYTES: envPositiveInt.default(4_194_304),
    /**
     * Group commit of deliveries: how long one waits for others (ms), the most one commit stores,
     * and how many commits run at once (a batch due meanwhile gathers more deliveries).
     */
    WEBHOOK_BATCH_WAIT_MS: envPositiveInt.default(2),
    WEBHOOK_BATCH_MAX: envPositiveInt.default(200),
    WEBHOOK_BATCH_WRITERS: envPositiveInt.default(2),
    /** With both set, replies are drafted by this OpenAI-compatible model; else the built-in drafter. */
    OPENAI_API_KEY: z.string().min(1).optional(),
    OPENAI_BASE_URL: envUrl(['http:', 'https:']).optional(),
    LARAS_DRAFT_MODEL: z.string().min(1).max(200).optional(),
    /** With it set, partner events go through Svix (SVIX_SERVER_URL for a self-hosted one). */
    SVIX_API_KEY: z.string().min(1).optional(),
    SVIX_SERVER_URL: envUrl(['http:', 'https:']).optional(),
    API_RATE_LIMIT_PER_MINUTE: envPositiveInt.default(600),
    API_TRUST_PROXY: envBoolean.default(false),
    SESSION_SECRET: z.string().min(32).default(DEV_SECRETS.SESSION_SECRET),
    SESSION_TTL_SECONDS: envPositiveInt.default(43_200),
    SIGN_IN_LINK_TTL_SECONDS: envPositiveInt.default(86_400),
    LOGIN_MAX_FAILURES: envPositiveInt.default(5),
    LOGIN_MAX_FAILURES_PER_IP: envPositiveInt.default(50),
    LOGIN_FAILURE_WINDOW_SECONDS: envPositiveInt.default(900),
    LOGIN_LOCKOUT_BASE_SECONDS: envPositiveInt.default(60),
    LOGIN_LOCKOUT_MAX_SECONDS: envPositiveInt.default(3600),
    DEMO_SEED: envBoolean.default(true),
    LARAS_ENCRYPTION_KEYS: z
      .string()
      .regex(/^\d+:[A-Za-z0-9+/=_-]+(,\d+:[A-Za-z0-9+/=_-]+)*$/, 'use VERSION:BASE64KEY[,VERSION:BASE64KEY…]')
      .default(DEV_SECRETS.LARAS_ENCRYPTION_KEYS),
    META_APP_ID: z.string().min(1).optional(),
    META_APP_SECRET: z.string().min(1).default(DEV_SECRETS.META_APP_SECRET),
    META_VERIFY_TOKEN: z.string().min(1).default(DEV_SECRETS.META_VERIFY_TOKEN),
    META_ES_CONFIG_ID: z.string().min(1).default(DEV_SECRETS.META_ES_CONFIG_ID),
    META_GRAPH_URL: envUrl(['http:', 'https:']).default('https://graph.facebook.com'),
    META_GRAPH_VERSION: z
      .string()
      .regex(/^v\d+\.\d+$/)
      .default('v24.0'),
    META_ES_ORIGIN: envUrl(['http:', 'https:']).default('https://www.facebook.com'),
    META_HTTP_TIMEOUT_MS: envPositiveInt.default(10_000),
    INSTAGRAM_APP_ID: z.string().min(1).default(DEV_SECRETS.INSTAGRAM_APP_ID),
    INSTAGRAM_APP_SECRET: z.string().min(1).default(DEV_SECRETS.INSTAGRAM_APP_SECRET),
    INSTAGRAM_GRAPH_URL: envUrl(['http:', 'https:']).default('https://graph.instagram.com'),
    INSTAGRAM_API_URL: envUrl(['http:', 'https:']).default('https://api.instagram.com'),
    INSTAGRAM_OAUTH_URL: envUrl(['http:', 'https:']).default('https://www.instagram.com'),
    FACEBOOK_SDK_URL: envUrl(['http:', 'https:']).default('https://connect.facebook.net/en_US/sdk.js'),
    CONNECT_SESSION_TTL_SECONDS: envPositiveInt.default(1800),
    META_SANDBOX_PORT: envPort.default(4100),
    /** Lets webhook endpoints be loopback/private addresses (never link-local/metadata): development only. */
    LARAS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: envBoolean.default(false),
    /** DNS servers for verifying portal hostnames, `host[:port]` comma-separated; unset: the system's. */
    DNS_SERVERS: envDnsServers.optional(),
    /** The most one DNS lookup waits, in ms, before the request that needed it fails (503). */
    DNS_TIMEOUT_MS: envPositiveInt.default(3000),
  })
  .superRefine((config, ctx) => {
    if (Boolean(config.OPENAI_API_KEY) !== Boolean(config.LARAS_DRAFT_MODEL)) {
      ctx.addIssue({
        code: 'custom',
        path: [config.OPENAI_API_KEY ? 'LARAS_DRAFT_MODEL' : 'OPENAI_API_KEY'],
        message: 'set OPENAI_API_KEY and LARAS_DRAFT_MODEL together (or neither, for the built-in drafter)',
      });
    }
    if (config.SVIX_SERVER_URL && !config.SVIX_API_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['SVIX_API_KEY'],
        message: 'must be set when SVIX_SERVER_URL is',
      });
    }
    if (config.NODE_ENV !== 'production') return;
    if (config.LARAS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS)
      ctx.addIssue({
        code: 'custom',
        path: ['LARAS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS'],
        message: 'is for local development only; it must not be true in production',
      });
    if (!config.META_APP_ID)
      ctx.addIssue({ code: 'custom', path: ['META_APP_ID'], message: 'must be set in production' });
    if (!config.PUBLIC_URL)
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'must be set in production' });
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
  http: {
    port: number;
    host: string;
    publicUrl: string;
    bodyLimitBytes: number;
    webhookBodyLimitBytes: number;
    /**
     * Deliveries arriving within `maxWaitMs` (at most `maxBatch`) share one commit (`maxBatch` 1 = a
     * commit each); at most `maxWriters` commits run at once.
     */
    webhookBatch: { maxWaitMs: number; maxBatch: number; maxWriters: number };
    trustProxy: boolean;
  };
  database: {
    ownerUrl: string;
    appUrl: string;
    poolMax: number;
    preparedStatements: number;
    pipelining: boolean;
  };
  redis: { url: string; prefix: string };
  rateLimit: { perMinute: number };
  sessionSecret: string;
  portal: PortalConfig;
  demoSeed: boolean;
  /** Token vault key ring, `VERSION:BASE64KEY,…`; the first key encrypts, all decrypt. */
  encryptionKeys: string;
  meta: MetaConfig;
  /** The OpenAI-compatible drafter, when configured; absent: the built-in grounded drafter. */
  drafting: { openAi?: { apiKey: string; baseUrl?: string; model: string } };
  connectSessionTtlSeconds: number;
  webhooks: WebhooksConfig;
  dns: DnsConfig;
};

/** The DNS lookups the API makes (the TXT proof of control of a portal hostname). */
export type DnsConfig = {
  /** Servers to ask, as `dns.Resolver#setServers` takes them (`1.1.1.1`, `127.0.0.1:5353`, `[::1]:53`); empty: the system's. */
  servers: string[];
  /** The most one lookup waits, in ms. */
  timeoutMs: number;
};

/** How partner events are delivered: the built-in dispatcher, or Svix when `svix` is set. */
export type WebhooksConfig = {
  /** Deliver to loopback and private addresses too (local development and tests); never link-local. */
  allowPrivateNetworks: boolean;
  /** Publish through Svix (one application per partner) instead of the built-in dispatcher. */
  svix?: SvixConfig;
};

/** The Svix API: its key (never logged) and, for a self-hosted Svix, its base URL. */
export type SvixConfig = { apiKey: string; serverUrl?: string };

/** Portal users: session and sign-in link lifetimes and the sign-in lockout. */
export type PortalConfig = {
  sessionTtlSeconds: number;
  signInLinkTtlSeconds: number;
  login: {
    /** Failed sign-ins per (partner, email) within the window before that email is locked. */
    maxFailures: number;
    /** Failed sign-ins per client IP within the window before that IP is locked. */
    maxFailuresPerIp: number;
    windowSeconds: number;
    /** First lockout; each further failure doubles it, up to `lockoutMaxSeconds`. */
    lockoutBaseSeconds: number;
    lockoutMaxSeconds: number;
  };
};

export type MetaConfig = {
  /** No Meta app configured: development runs against the local Meta sandbox. */
  sandbox: boolean;
  appId: string;
  appSecret: string;
  verifyToken: string;
  embeddedSignupConfigId: string;
  graphUrl: string;
  graphVersion: string;
  /** The origin Embedded Signup's postMessage events must come from. */
  embeddedSignupOrigin: string;
  httpTimeoutMs: number;
  /** Where `npm start` runs the Meta sandbox in sandbox mode (0: any free port). */
  sandboxPort: number;
  instagramAppId: string;
  instagramAppSecret: string;
  instagramGraphUrl: string;
  instagramApiUrl: string;
  instagramOauthUrl: string;
  facebookSdkUrl: string;
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
      publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`,
      bodyLimitBytes: c.API_BODY_LIMIT_BYTES,
      webhookBodyLimitBytes: c.WEBHOOK_BODY_LIMIT_BYTES,
      webhookBatch: {
        maxWaitMs: c.WEBHOOK_BATCH_WAIT_MS,
        maxBatch: c.WEBHOOK_BATCH_MAX,
        maxWriters: c.WEBHOOK_BATCH_WRITERS,
      },
      trustProxy: c.API_TRUST_PROXY,
    },
    database: {
      ownerUrl: c.DATABASE_URL,
      appUrl: c.DATABASE_APP_URL ?? deriveAppUrl(c.DATABASE_URL),
      poolMax: c.DATABASE_POOL_MAX,
      preparedStatements: c.DATABASE_PREPARED_STATEMENTS,
      pipelining: c.DATABASE_PIPELINING,
    },
    redis: { url: c.REDIS_URL, prefix: c.REDIS_PREFIX },
    rateLimit: { perMinute: c.API_RATE_LIMIT_PER_MINUTE },
    sessionSecret: c.SESSION_SECRET,
    portal: {
      sessionTtlSeconds: c.SESSION_TTL_SECONDS,
      signInLinkTtlSeconds: c.SIGN_IN_LINK_TTL_SECONDS,
      login: {
        maxFailures: c.LOGIN_MAX_FAILURES,
        maxFailuresPerIp: c.LOGIN_MAX_FAILURES_PER_IP,
        windowSeconds: c.LOGIN_FAILURE_WINDOW_SECONDS,
        lockoutBaseSeconds: c.LOGIN_LOCKOUT_BASE_SECONDS,
        lockoutMaxSeconds: c.LOGIN_LOCKOUT_MAX_SECONDS,
      },
    },
    demoSeed: c.DEMO_SEED,
    encryptionKeys: c.LARAS_ENCRYPTION_KEYS,
    drafting: {
      ...(c.OPENAI_API_KEY && c.LARAS_DRAFT_MODEL
        ? {
            openAi: {
              apiKey: c.OPENAI_API_KEY,
              model: c.LARAS_DRAFT_MODEL,
              ...(c.OPENAI_BASE_URL ? { baseUrl: c.OPENAI_BASE_URL } : {}),
            },
          }
        : {}),
    },
    meta: {
      sandbox: c.META_APP_ID === undefined,
      appId: c.META_APP_ID ?? 'sandbox-meta-app',
      appSecret: c.META_APP_SECRET,
      verifyToken: c.META_VERIFY_TOKEN,
      embeddedSignupConfigId: c.META_ES_CONFIG_ID,
      graphUrl: c.META_GRAPH_URL,
      graphVersion: c.META_GRAPH_VERSION,
      embeddedSignupOrigin: new URL(c.META_ES_ORIGIN).origin,
      httpTimeoutMs: c.META_HTTP_TIMEOUT_MS,
      sandboxPort: c.META_SANDBOX_PORT,
      instagramAppId: c.INSTAGRAM_APP_ID,
      instagramAppSecret: c.INSTAGRAM_APP_SECRET,
      instagramGraphUrl: c.INSTAGRAM_GRAPH_URL,
      instagramApiUrl: c.INSTAGRAM_API_URL,
      instagramOauthUrl: c.INSTAGRAM_OAUTH_URL,
      facebookSdkUrl: c.FACEBOOK_SDK_URL,
    },
    connectSessionTtlSeconds: c.CONNECT_SESSION_TTL_SECONDS,
    webhooks: {
      allowPrivateNetworks: c.LARAS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS,
      ...(c.SVIX_API_KEY
        ? { svix: { apiKey: c.SVIX_API_KEY, ...(c.SVIX_SERVER_URL ? { serverUrl: c.SVIX_SERVER_URL } : {}) } }
        : {}),
    },
    dns: { servers: c.DNS_SERVERS ?? [], timeoutMs: c.DNS_TIMEOUT_MS },
  };
}
