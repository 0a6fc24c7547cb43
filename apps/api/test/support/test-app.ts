import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createConnection } from 'mysql2/promise';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { BootstrapOutcome, FirstAdminService } from '../../src/app/auth/first-admin.service';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { createApp } from '../../src/create-app';
import { migrateDatabase } from '../../src/database/migrator';

export const ADMIN_EMAIL = 'admin@hardhathosting.work';
export const ADMIN_PASSWORD = 'Admin-Test-Passw0rd';

/** The database server the specs use: MariaDB at its defaults unless MARIADB_* say otherwise. */
export function testDbServer(): Omit<AppConfig['db'], 'database'> {
  return {
    host: process.env['MARIADB_HOST'] ?? '127.0.0.1',
    port: Number(process.env['MARIADB_PORT'] ?? 3306),
    user: process.env['MARIADB_USER'] ?? 'root',
    password: process.env['MARIADB_PASSWORD'] ?? '',
  };
}

export function newTestDatabaseName(): string {
  return `test_${randomBytes(6).toString('hex')}`;
}

export async function dropDatabase(database: string): Promise<void> {
  const connection = await createConnection(testDbServer());
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await connection.end();
  }
}

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  database: string;
  /** What the first-admin bootstrap did when the app started (generatedPassword when ADMIN_PASSWORD was empty). */
  admin: BootstrapOutcome;
  /** A fresh supertest request against the running server. */
  http: () => TestAgent;
  /** Runs SQL on the spec's database (to arrange state or to check what the API wrote). */
  sql: <T = Record<string, unknown>>(query: string, params?: unknown[]) => Promise<T[]>;
  close: () => Promise<void>;
}

/**
 * Starts the real application (createApp, as main.ts does) on its own fresh database migrated from sql/,
 * with the first admin bootstrapped. `env` overrides configuration variables.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { database?: string; keepDatabase?: boolean } = {},
): Promise<TestApp> {
  const database = options.database ?? newTestDatabaseName();
  const server = testDbServer();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    MARIADB_HOST: server.host,
    MARIADB_PORT: String(server.port),
    MARIADB_USER: server.user,
    MARIADB_PASSWORD: server.password,
    MARIADB_DATABASE: database,
    BCRYPT_ROUNDS: '4',
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    WEB_DIST_PATH: '/nonexistent-web-dist',
    ...env,
  });
  let app: NestFastifyApplication | undefined;
  let admin: BootstrapOutcome;
  try {
    await migrateDatabase(config.db);
    app = await createApp(config);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    admin = await app.get(FirstAdminService).ensureAdmin();
  } catch (error) {
    // A spec that cannot start must not leave its database behind.
    await app?.close().catch(() => undefined);
    if (!options.database && !options.keepDatabase) await dropDatabase(database).catch(() => undefined);
    throw error;
  }
  const started = app;
  const sqlConnection = await createConnection({ ...server, database, timezone: 'Z' });
  return {
    app: started,
    config,
    database,
    admin,
    http: () => request(started.getHttpServer()),
    sql: async <T>(query: string, params: unknown[] = []) => {
      const [rows] = await sqlConnection.query(query, params);
      return rows as T[];
    },
    close: async () => {
      await sqlConnection.end();
      await started.close();
      if (!options.keepDatabase) await dropDatabase(database);
    },
  };
}
