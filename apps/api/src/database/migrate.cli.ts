import { ConfigError, loadConfig } from '../config/app-config';
import { migrateDatabase } from './migrator';

/** `npm run db:migrate`: applies the pending files of sql/ to the configured database and exits. */
async function main(): Promise<void> {
  const config = loadConfig();
  const outcome = await migrateDatabase(config.db, { log: (message) => console.log(message) });
  console.log(
    outcome.applied.length === 0
      ? `Database "${outcome.database}" is up to date (${outcome.alreadyApplied} migrations applied before).`
      : `Database "${outcome.database}": applied ${outcome.applied.length} migration(s).`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `Migration failed: ${(error as Error).message}`);
  process.exit(1);
});
