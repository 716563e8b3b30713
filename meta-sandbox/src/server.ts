/** Starts a sandbox on a port (0: any free one) and answers where it is and how to drive it. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandboxApp } from './app.ts';
import { type CustomerOptions, SandboxCustomer } from './customer.ts';
import { sandboxEnv } from './env.ts';
import { Faults } from './faults.ts';
import { SandboxOutbox } from './outbox.ts';
import { SandboxState } from './state.ts';
import type { SendSettings } from './types.ts';

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
  /**
   * What follows a send (`POST …/messages`, `…/replies`): which WhatsApp statuses are emitted
   * (`statuses: []`: none), the delay, Instagram `read` / echo events, the 24-hour window rule.
   * Settable later with `sandbox.outbox.configure(…)` or `PUT /_admin/send-settings`.
   */
  sends?: Partial<SendSettings>;
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
  /** What follows the platform's sends: status webhooks (`emitStatus`, `idle()`, `configure`). */
  outbox: SandboxOutbox;
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
  if (options.sends) state.setSendSettings(options.sends);
  const outbox = new SandboxOutbox(state, customer);
  const app = createSandboxApp({ state, faults, customer, outbox });
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
    outbox,
    close: () =>
      new Promise<void>((resolve, reject) => {
        outbox.close();
        faults.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
