import { ConsoleLogger, Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/app-config';
import { createApp } from './create-app';
import { migrateDatabase } from './database/migrator';
import { FirstAdminService } from './app/auth/first-admin.service';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  const logger = new ConsoleLogger({
    json: config.nodeEnv === 'production',
    logLevels: nestLogLevels(config.logLevel),
  });
  Logger.overrideLogger(logger);
  const log = new Logger('Bootstrap');
  if (config.jwt.generated) {
    log.warn(
      'JWT_SECRET is not set: using a random secret for this process (sessions survive restarts through the refresh cookie)',
    );
  }
  if (config.security.dataKeyDefaulted) {
    log.warn(
      'DATA_ENCRYPTION_KEY is not set: two-factor secrets are encrypted with the fixed development key (never in production)',
    );
  }

  const outcome = await migrateDatabase(config.db, { log: (message) => log.log(message) });
  log.log(
    `Database "${outcome.database}" is ready (${outcome.alreadyApplied + outcome.applied.length} migrations applied)`,
  );

  const app = await createApp(config, logger);
  const admin = await app.get(FirstAdminService).ensureAdmin();
  await app.listen({ port: config.port, host: config.host });

  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    `Hardhat Hosting VoIP portal is running at ${url}`,
    `  Client portal:  ${url}/voip/auth`,
    `  API docs:       ${url}/api/docs`,
    `  Health:         ${url}/api/v1/health`,
  ];
  if (admin.created && admin.generatedPassword) {
    lines.push(
      '',
      'First start: an admin account was created. Its password is shown this once:',
      `  email:    ${admin.email}`,
      `  password: ${admin.generatedPassword}`,
      'Sign in at /voip/auth and change it under Settings.',
    );
  } else if (admin.created) {
    lines.push('', `First start: admin ${admin.email} was created with ADMIN_PASSWORD. Sign in at /voip/auth.`);
  } else {
    lines.push('', `Sign in at /voip/auth (admin: ${admin.email}), or create a client account there.`);
  }
  console.log(lines.join('\n') + '\n');
}

function nestLogLevels(level: string): ('fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose')[] {
  const order = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
  const cut = { silent: 0, fatal: 1, error: 2, warn: 3, info: 4, debug: 5, trace: 6 }[level] ?? 4;
  return order.slice(0, cut) as unknown as ('fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose')[];
}

bootstrap().catch((error: unknown) => {
  console.error(`The server could not start: ${(error as Error).message}`);
  process.exit(1);
});
