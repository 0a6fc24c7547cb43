import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createConnection, Connection, RowDataPacket } from 'mysql2/promise';
import { Umzug, UmzugStorage } from 'umzug';
import { AppConfig } from '../config/app-config';

/**
 * Applies the numbered SQL files of sql/ (the single source of truth for the schema) with umzug.
 * Each file runs once, in order, and is recorded in schema_migrations with its SHA-256; a file edited after it
 * was applied stops the start with a message naming it. The database is created when missing, and a named
 * lock keeps two instances starting together from applying the same file twice.
 */
export const MIGRATION_FILE_PATTERN = /^\d{3}-[a-z0-9-]+\.sql$/;
const LOCK_NAME = 'hardhat_voip_migrations';
const LOCK_TIMEOUT_SECONDS = 120;

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationOutcome {
  database: string;
  applied: string[];
  alreadyApplied: number;
}

/** Finds sql/ by walking up from this file: works from the sources, the bundle in dist/ and the Docker image. */
export function findSqlDirectory(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'sql');
    if (existsSync(join(candidate, '001-initial-schema.sql'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new MigrationError(`No sql/ folder with 001-initial-schema.sql above ${start}`);
    dir = parent;
  }
}

/**
 * Applied files whose comments alone were corrected later (they cited documents outside the repository); their
 * SQL is byte-for-byte what ran. A database that recorded the first text (`from`) is in step with the corrected
 * file (`to`), and only with exactly that file: any further edit stops the start like every other edit.
 */
const COMMENT_CORRECTIONS: Record<string, { from: string; to: string }> = {
  '001-initial-schema.sql': {
    from: '3cf7d4ceeeb5f436329f0b4d140183c8503a2161aedb88c016517797b9bba7ca',
    to: 'f3dc67fd3eb99209890fe36c7ea70a37dee3aff72cc64dd6b2908248d6102f73',
  },
  '003-call-engine.sql': {
    from: '2839d879d49fe921b632817c9dd39185deb1fd96e41cca58bf1e41506a347b53',
    to: '7a00eb1e119605b8532c516e902b19efae7dea54572fb901e2cbb6495bd66a6b',
  },
  '004-daily-call-rollups.sql': {
    from: 'd2bc6833c43310c43bca4aa403bdfa0bff8ddcebb4dd2cedcace634623f8393c',
    to: 'e27881e1650dbc3839a41379b71acfed4d22c2e642f3f45123480bf594f48754',
  },
};

function isCommentCorrection(file: MigrationFile, applied: string): boolean {
  const correction = COMMENT_CORRECTIONS[file.name];
  return correction !== undefined && correction.from === applied && correction.to === file.checksum;
}

export function readMigrationFiles(sqlDir: string): MigrationFile[] {
  return readdirSync(sqlDir)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => {
      if (!MIGRATION_FILE_PATTERN.test(name)) {
        throw new MigrationError(`sql/${name} is not named like 003-short-description.sql`);
      }
      const sql = readFileSync(join(sqlDir, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export async function migrateDatabase(
  db: AppConfig['db'],
  options: { sqlDir?: string; log?: (message: string) => void } = {},
): Promise<MigrationOutcome> {
  const log = options.log ?? (() => undefined);
  const files = readMigrationFiles(options.sqlDir ?? findSqlDirectory());

  const server = await createConnection({ host: db.host, port: db.port, user: db.user, password: db.password });
  try {
    await server.query(
      `CREATE DATABASE IF NOT EXISTS \`${db.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await server.end();
  }

  const connection = await createConnection({
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: db.database,
    multipleStatements: true,
    timezone: 'Z',
  });
  try {
    const [[lock]] = await connection.query<RowDataPacket[]>('SELECT GET_LOCK(?, ?) AS acquired', [
      LOCK_NAME,
      LOCK_TIMEOUT_SECONDS,
    ]);
    if (lock?.['acquired'] !== 1)
      throw new MigrationError('Timed out waiting for another instance to finish migrating');
    try {
      return await applyPending(connection, db.database, files, log);
    } finally {
      await connection.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]);
    }
  } finally {
    await connection.end();
  }
}

async function applyPending(
  connection: Connection,
  database: string,
  files: MigrationFile[],
  log: (message: string) => void,
): Promise<MigrationOutcome> {
  await connection.query(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       name VARCHAR(255) NOT NULL PRIMARY KEY,
       checksum CHAR(64) NOT NULL,
       applied_at DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3))
     ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  );
  const [rows] = await connection.query<RowDataPacket[]>('SELECT name, checksum FROM schema_migrations ORDER BY name');
  const byName = new Map(files.map((file) => [file.name, file]));
  for (const row of rows) {
    const file = byName.get(row['name'] as string);
    if (!file) {
      throw new MigrationError(`sql/${row['name']} was applied to "${database}" but the file is gone; restore it`);
    }
    if (file.checksum !== row['checksum'] && !isCommentCorrection(file, row['checksum'] as string)) {
      throw new MigrationError(
        `sql/${file.name} was edited after it was applied to "${database}". Applied migrations are frozen: ` +
          'revert the edit and put the change in a new numbered file.',
      );
    }
  }

  const storage: UmzugStorage = {
    executed: async () => rows.map((row) => row['name'] as string),
    logMigration: async ({ name }) => {
      await connection.query('INSERT INTO schema_migrations (name, checksum) VALUES (?, ?)', [
        name,
        byName.get(name)?.checksum,
      ]);
    },
    unlogMigration: async () => {
      throw new MigrationError('Migrations are forward-only');
    },
  };
  const umzug = new Umzug({
    migrations: files.map((file) => ({
      name: file.name,
      up: async () => {
        try {
          await connection.query(file.sql);
        } catch (error) {
          throw new MigrationError(`sql/${file.name} failed: ${(error as Error).message}`);
        }
      },
    })),
    storage,
    logger: undefined,
  });
  const applied = await umzug.up();
  for (const migration of applied) log(`Applied sql/${migration.name}`);
  return { database, applied: applied.map((m) => m.name), alreadyApplied: rows.length };
}
