/** `npm run -w @laras/meta-sandbox start`: the sandbox on META_SANDBOX_PORT (default 4100). */
import { startMetaSandbox } from './server.ts';

const port = Number(process.env.META_SANDBOX_PORT ?? 4100);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`META_SANDBOX_PORT must be a port number, got ${process.env.META_SANDBOX_PORT}`);
  process.exit(1);
}
const sandbox = await startMetaSandbox({ port, host: process.env.META_SANDBOX_HOST ?? '127.0.0.1' });
console.log(
  JSON.stringify({
    level: 'info',
    category: 'lifecycle',
    msg: 'meta sandbox listening',
    url: sandbox.url,
    env: sandbox.env,
  }),
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sandbox.close().then(() => process.exit(0));
  });
}
