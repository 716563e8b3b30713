/**
 * `npm start`: the whole platform on one machine with a seeded demo. Checks PostgreSQL and Redis,
 * creates and migrates the database, seeds the demo once, builds the portal if needed, starts the
 * Meta sandbox (when no Meta app is configured), the API and the workers, and prints where to
 * click, how to sign in and which key to use. SIGINT/SIGTERM stop everything cleanly.
 */
import { startApiServer } from '@laras/api';
import { type Config, createKnex, type Logger, runService } from '@laras/core';
import { ensureDatabase, migrateLatest } from '@laras/migrations';
import { startWorkers } from '@laras/workers';
import { DEMO, type SeedResult, seedDemo } from './demo/seed.ts';
import { ensurePortalBuilt } from './lib/portal-build.ts';
import { checkPostgres, checkRedis } from './lib/preflight.ts';
import { pointAtSandbox, startSandboxFor } from './lib/sandbox.ts';

async function start(loaded: Config, logger: Logger) {
  let config = loaded;
  const problems = (await Promise.all([checkPostgres(config), checkRedis(config)])).filter(Boolean);
  if (problems.length > 0) {
    console.error(problems.join('\n\n'));
    process.exit(1);
  }

  await ensureDatabase(config.database.ownerUrl);
  const applied = await migrateLatest(config.database.ownerUrl);
  if (applied.length > 0) logger.info({ category: 'lifecycle', applied }, 'migrations applied');

  let seed: Awaited<ReturnType<typeof seedDemo>> | undefined;
  if (config.demoSeed) {
    const ownerDb = createKnex({ url: config.database.ownerUrl, poolMax: 2, applicationName: 'laras-seed' });
    const appDb = createKnex({ url: config.database.appUrl, poolMax: 2, applicationName: 'laras-seed' });
    try {
      seed = await seedDemo({ ownerDb, appDb, sessionSecret: config.sessionSecret });
    } finally {
      await Promise.all([ownerDb.destroy(), appDb.destroy()]);
    }
  }

  await ensurePortalBuilt(logger);
  const sandbox = config.meta.sandbox ? await startSandboxFor(config) : undefined;
  if (sandbox) config = pointAtSandbox(config, sandbox.url);
  // Sandbox mode reaches nothing outside this machine: unless DNS_SERVERS names servers, the proofs
  // of portal hostnames ask a local DNS stand-in holding no records (reserved names need none).
  // (Loaded only then: outside sandbox mode nothing of the test kit is loaded.)
  const dns =
    sandbox && config.dns.servers.length === 0
      ? await (await import('@laras/testkit/dns-stand-in')).startDnsStandIn()
      : undefined;
  if (dns) config = { ...config, dns: { ...config.dns, servers: [dns.address] } };
  const api = await startApiServer(config, logger);
  // The sandbox's customer page sends its webhooks here, signed as Meta signs them.
  sandbox?.customer.setWebhooks({
    whatsappUrl: `${api.url}/api/webhooks/wa`,
    instagramUrl: `${api.url}/api/webhooks/instagram`,
  });
  const workers = await startWorkers(config, logger);
  process.stdout.write(banner(api.url, seed, sandbox?.url, dns?.address));
  return {
    close: async () => {
      await Promise.all([api.close(), workers.close()]);
      await Promise.all([sandbox?.close(), dns?.close()]);
    },
  };
}

function banner(
  url: string,
  seed: SeedResult | undefined,
  sandboxUrl: string | undefined,
  dnsAddress: string | undefined,
): string {
  const lines = ['', 'Laras is running.', `  API:            ${url}`, `  Health:         ${url}/readyz`];
  lines.push('  Spec:           openapi/openapi.yaml');
  lines.push(
    sandboxUrl
      ? `  Meta:           sandbox at ${sandboxUrl} (no META_APP_ID set: nothing goes to Meta)`
      : '  Meta:           the real Meta APIs (META_APP_ID is set)',
  );
  if (dnsAddress) {
    lines.push(
      `  DNS:            stand-in at ${dnsAddress} with no records: portal hostnames can be`,
      '                  *.localhost or *.test (no proof needed); others are refused as unproven',
    );
  }
  if (seed) {
    lines.push(
      '',
      `Portal:           ${url}/login`,
      `  Sign in as:     ${seed.owner.email}`,
      `  Password:       ${seed.owner.password}`,
      '  Then: Settings -> Integrations -> "Connect WhatsApp via Meta" or Instagram "Connect".',
      ...(sandboxUrl
        ? [
            `  Customer:       ${sandboxUrl}/customer  (write to the connected number as a customer;`,
            '                  the message appears in the portal Inbox)',
          ]
        : []),
      '',
      `  Demo partner:   ${DEMO.partnerId} (Demo Agency)`,
      `  Demo workspace: ${DEMO.workspaceId} (Demo Coffee Roasters)`,
      `  Demo API key:   ${seed.apiKey}${seed.apiKeyRevoked ? '  (REVOKED: make a new one with the CLI below)' : ''}`,
      '',
      `Console:          ${url}/console/login  (partner staff: sign in with the demo API key)`,
      '',
      'Try it:',
      `  curl -H "Authorization: Bearer ${seed.apiKey}" ${url}/v1/workspaces`,
      `  curl -H "Authorization: Bearer ${seed.apiKey}" ${url}/v1/workspaces/${DEMO.workspaceId}/business-context`,
    );
  }
  lines.push(
    '',
    'Operator CLI (in another terminal):',
    '  npm run -s laras -- partner create --name "Acme Agency"',
    '',
    'Stop with Ctrl-C.',
    '',
  );
  return `${lines.join('\n')}\n`;
}

await runService('laras', start);
