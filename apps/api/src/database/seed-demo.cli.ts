import { ConfigError, loadConfig } from '../config/app-config';
import { DEMO_DOMAIN, seedDemo } from './demo-seed';

/**
 * `npm run db:seed:demo` (after db:migrate): adds the demo data of ./demo-seed to the configured database, once.
 * DEMO_PASSWORD is the demo clients' password; it is read here, not in app-config, because only this tool uses it.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const outcome = await seedDemo({
    db: config.db,
    bcryptRounds: config.bcryptRounds,
    ratePerMinute: config.voip.mockRatePerMinute,
    password: process.env['DEMO_PASSWORD'],
    log: (message) => console.log(message),
  });
  if (!outcome.created) {
    console.log(`Demo data already present (${outcome.existingClients} demo clients): nothing to do.`);
    return;
  }
  console.log(`Demo data created: ${outcome.clients} clients at @${DEMO_DOMAIN}.`);
  if (outcome.generated) console.log(`Their password (shown once): ${outcome.password}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `Demo seed failed: ${(error as Error).message}`);
  process.exit(1);
});
