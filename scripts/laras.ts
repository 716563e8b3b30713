/**
 * The operator CLI: `npm run -s laras -- partner create --name "Acme Agency"`. It works on the
 * owner connection (operators act across partners), migrates first so it works on a fresh
 * database, prints exactly one JSON value on stdout and reports problems on stderr.
 */
import { parseArgs } from 'node:util';
import { AppError, ConfigError, createKnex, loadConfig } from '@laras/core';
import { ensureDatabase, migrateLatest } from '@laras/migrations';
import { runCommand, USAGE, UsageError } from './cli/commands.ts';
import { checkPostgres } from './lib/preflight.ts';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      mode: { type: 'string' },
      partner: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals[0] === 'help') {
    console.error(USAGE);
    return 0;
  }
  const config = loadConfig();
  const unreachable = await checkPostgres(config);
  if (unreachable) {
    console.error(unreachable.replace(/npm start/g, 'npm run -s laras -- …'));
    return 1;
  }
  await ensureDatabase(config.database.ownerUrl);
  await migrateLatest(config.database.ownerUrl);
  const db = createKnex({ url: config.database.ownerUrl, poolMax: 2, applicationName: 'laras-cli' });
  try {
    const output = await runCommand(db, config, { positionals, values });
    process.stdout.write(`${JSON.stringify(output)}\n`);
    return 0;
  } finally {
    await db.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`laras: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    if (error instanceof ConfigError) console.error(error.message);
    else if (error instanceof AppError) console.error(`laras: ${error.message}`);
    else if (
      error instanceof TypeError &&
      'code' in error &&
      error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
    ) {
      console.error(`laras: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    } else console.error(`laras: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
