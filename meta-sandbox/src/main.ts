/** `npm run -w @laras/meta-sandbox start`: the sandbox on META_SANDBOX_PORT (default 4100). */
import { startMetaSandbox } from './server.ts';

const port = Number(process.env.META_SANDBOX_PORT ?? 4100);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`META_SANDBOX_PORT must be a port number, got ${process.env.META_SANDBOX_PORT}`);
  process.exit(1);
}
const retries = Number(process.env.META_SANDBOX_WEBHOOK_RETRIES ?? 0);
// Status webhooks after each send: a comma list of sent,delivered,read ('' = none); the window rule.
const statuses = process.env.META_SANDBOX_SEND_STATUSES;
const window = process.env.META_SANDBOX_WINDOW;
const sandbox = await startMetaSandbox({
  sends: {
    ...(statuses !== undefined
      ? {
          statuses: statuses
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean) as ('sent' | 'delivered' | 'read')[],
        }
      : {}),
    ...(window === 'known' || window === 'strict' || window === 'off' ? { window } : {}),
  },
  port,
  host: process.env.META_SANDBOX_HOST ?? '127.0.0.1',
  webhooks: {
    // Where the customer (`/customer`, `/_admin/customer/*`, the `customer` CLI) sends webhooks.
    whatsappUrl: process.env.META_SANDBOX_WHATSAPP_WEBHOOK_URL || undefined,
    instagramUrl: process.env.META_SANDBOX_INSTAGRAM_WEBHOOK_URL || undefined,
    retries: Number.isInteger(retries) && retries >= 0 ? retries : 0,
  },
});
console.log(
  JSON.stringify({
    level: 'info',
    category: 'lifecycle',
    msg: 'meta sandbox listening',
    url: sandbox.url,
    customer: `${sandbox.url}/customer`,
    webhooks: sandbox.customer.webhooks,
    env: sandbox.env,
  }),
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sandbox.close().then(() => process.exit(0));
  });
}
