/** Starts a sandbox on a port (0: any free one) and answers where it is and how to drive it. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandboxApp } from './app.ts';
import { type CustomerOptions, SandboxCustomer } from './customer.ts';
import { sandboxEnv } from './env.ts';
import { Faults } from './faults.ts';
import { SandboxState } from './state.ts';

/** The platform's development defaults (core config), so `npm start` needs no configuration. */
export const SANDBOX_DEFAULTS = {
  appId: 'sandbox-meta-app',
  appSecret: 'sandbox-meta-app-secret',
  appName: 'Laras (sandbox)',
  embeddedSignupConfigId: 'sandbox-es-config',
  instagramAppId: 'sandbox-instagram-app',
  instagramAppSecret: 'sandbox-instagram-app-secret',
  instagramAppName: 'Laras (sandbox)',
} as const;

export type MetaSandboxOptions = {
  /** 0 (default): an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  appId?: string;
  appSecret?: string;
  appName?: string;
  embeddedSignupConfigId?: string;
  instagramAppId?: string;
  instagramAppSecret?: string;
  instagramAppName?: string;
  /** The clock codes and tokens expire by (tests move it instead of waiting). */
  now?: () => Date;
  /**
   * Where the sandbox's customer sends webhooks (the platform's `POST /api/webhooks/wa` and
   * `POST /api/webhooks/instagram`), and how it retries; settable later with
   * `sandbox.customer.setWebhooks(…)` or `POST /_admin/webhooks`.
   */
  webhooks?: CustomerOptions;
};

export type MetaSandbox = {
  /** Base URL, e.g. `http://127.0.0.1:4100`. */
  url: string;
  /** The platform configuration pointing every Meta URL here (see `sandboxEnv`). */
  env: Record<string, string>;
  state: SandboxState;
  faults: Faults;
  /** The customer: builds, signs and sends Meta webhooks to the platform. */
  customer: SandboxCustomer;
  close(): Promise<void>;
};

/** Starts a Meta sandbox; resolves once it listens. */
export async function startMetaSandbox(options: MetaSandboxOptions = {}): Promise<MetaSandbox> {
  const state = new SandboxState(
    {
      appId: options.appId ?? SANDBOX_DEFAULTS.appId,
      appSecret: options.appSecret ?? SANDBOX_DEFAULTS.appSecret,
      appName: options.appName ?? SANDBOX_DEFAULTS.appName,
      embeddedSignupConfigId: options.embeddedSignupConfigId ?? SANDBOX_DEFAULTS.embeddedSignupConfigId,
      instagramAppId: options.instagramAppId ?? SANDBOX_DEFAULTS.instagramAppId,
      instagramAppSecret: options.instagramAppSecret ?? SANDBOX_DEFAULTS.instagramAppSecret,
      instagramAppName: options.instagramAppName ?? SANDBOX_DEFAULTS.instagramAppName,
    },
    options.now,
  );
  const faults = new Faults();
  const customer = new SandboxCustomer(state, options.webhooks);
  const app = createSandboxApp({ state, faults, customer });
  const server = createServer(app.callback());
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    env: sandboxEnv(url),
    state,
    faults,
    customer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
