/**
 * `npm start`: the whole platform on one machine with a seeded demo. Checks PostgreSQL and Redis,
 * creates and migrates the database, seeds the demo once, starts the API and the workers, and
 * prints where to click and which key to use. SIGINT/SIGTERM stop everything cleanly.
 */
import { startApiServer } from '@laras/api';
import { type Config, createKnex, type Logger, runService } from '@laras/core';
import { ensureDatabase, migrateLatest } from '@laras/migrations';
import { startWorkers } from '@laras/workers';
import { DEMO, type SeedResult, seedDemo } from './demo/seed.ts';
import { checkPostgres, checkRedis } from './lib/preflight.ts';

async function start(config: Config, logger: Logger) {
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

  const api = await startApiServer(config, logger);
  const workers = await startWorkers(config, logger);
  process.stdout.write(banner(api.url, seed));
  return {
    close: async () => {
      await Promise.all([api.close(), workers.close()]);
    },
  };
}

function banner(url: string, seed: SeedResult | undefined): string {
  const lines = ['', 'Laras is running.', `  API:            ${url}`, `  Health:         ${url}/readyz`];
  lines.push('  Spec:           openapi/openapi.yaml');
  if (seed) {
    lines.push(
      `  Demo partner:   ${DEMO.partnerId} (Demo Agency)`,
      `  Demo workspace: ${DEMO.workspaceId} (Demo Coffee Roasters)`,
      `  Demo API key:   ${seed.apiKey}${seed.apiKeyRevoked ? '  (REVOKED: make a new one with the CLI below)' : ''}`,
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
