/** `npm run db:migrate`: create the database if needed and apply every pending migration. */
import { ConfigError, loadConfig } from '@laras/core';
import { ensureDatabase, migrateLatest } from '@laras/migrations';
import { describeAddress } from './lib/preflight.ts';

try {
  const config = loadConfig();
  const { created } = await ensureDatabase(config.database.ownerUrl);
  if (created) console.error(`created database at ${describeAddress(config.database.ownerUrl, 5432)}`);
  const applied = await migrateLatest(config.database.ownerUrl);
  console.error(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'schema is up to date');
} catch (error) {
  console.error(
    error instanceof ConfigError ? error.message : `migration failed: ${(error as Error).message}`,
  );
  process.exit(1);
}
