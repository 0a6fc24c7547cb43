import { appendFileSync, cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection, createConnection, RowDataPacket } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config';
import { ENTITIES } from '../../src/database/entities';
import { findSqlDirectory, migrateDatabase, readMigrationFiles } from '../../src/database/migrator';
import { typeormOptions } from '../../src/database/typeorm-options';
import { dropDatabase, newTestDatabaseName, testDbServer } from '../support/test-app';

/** The seven tables of sql/001-initial-schema.sql with every column. */
const PRODUCT_PLAN_COLUMNS: Record<string, string[]> = {
  users: [
    'id',
    'name',
    'email',
    'password_hash',
    'role',
    'status',
    'signup_date',
    'last_login',
    'created_at',
    'updated_at',
  ],
  api_keys: [
    'id',
    'user_id',
    'key_name',
    'api_key',
    'creation_date',
    'expiration_date',
    'status',
    'last_used',
    'usage_count',
  ],
  phone_numbers: [
    'id',
    'phone_number',
    'friendly_name',
    'location_city',
    'location_state',
    'location_country',
    'owner_id',
    'status',
    'number_type',
    'monthly_cost',
    'provider',
    'provider_sid',
    'assigned_date',
    'created_at',
  ],
  calls: [
    'id',
    'user_id',
    'from_number',
    'to_number',
    'direction',
    'duration_seconds',
    'start_time',
    'end_time',
    'status',
    'call_sid',
    'recording_url',
    'cost',
    'notes',
  ],
  user_analytics: [
    'id',
    'user_id',
    'total_calls',
    'successful_calls',
    'failed_calls',
    'total_duration_seconds',
    'total_cost',
    'last_call_date',
    'updated_at',
  ],
  number_requests: [
    'id',
    'user_id',
    'area_code',
    'city_preference',
    'number_type',
    'business_name',
    'business_website',
    'reason',
    'status',
    'admin_notes',
    'assigned_number_id',
    'created_at',
    'processed_at',
  ],
  activity_logs: [
    'id',
    'user_id',
    'action',
    'entity_type',
    'entity_id',
    'details',
    'ip_address',
    'user_agent',
    'created_at',
  ],
};

/** The enum values of the plan, each of which must still be allowed (the schema may only add values). */
const PRODUCT_PLAN_ENUMS: [table: string, column: string, values: string[]][] = [
  ['users', 'role', ['admin', 'client']],
  ['users', 'status', ['active', 'suspended', 'pending']],
  ['api_keys', 'status', ['active', 'revoked', 'expired']],
  ['phone_numbers', 'status', ['available', 'assigned', 'pending', 'suspended']],
  ['phone_numbers', 'number_type', ['local', 'toll_free', 'mobile']],
  ['calls', 'direction', ['outbound', 'inbound']],
  ['calls', 'status', ['initiated', 'ringing', 'in_progress', 'completed', 'failed', 'busy', 'no_answer', 'canceled']],
  ['number_requests', 'number_type', ['local', 'toll_free', 'mobile']],
  ['number_requests', 'status', ['pending', 'approved', 'denied', 'fulfilled']],
];

const ALL_TABLES = [
  'users',
  'api_keys',
  'phone_numbers',
  'calls',
  'user_analytics',
  'number_requests',
  'activity_logs',
  'auth_sessions',
  'refresh_tokens',
  'schema_migrations',
];

interface ColumnRow extends RowDataPacket {
  TABLE_NAME: string;
  COLUMN_NAME: string;
  IS_NULLABLE: 'YES' | 'NO';
  DATA_TYPE: string;
  COLUMN_TYPE: string;
  CHARACTER_MAXIMUM_LENGTH: number | null;
  NUMERIC_PRECISION: number | null;
  NUMERIC_SCALE: number | null;
  DATETIME_PRECISION: number | null;
  COLUMN_DEFAULT: string | null;
  EXTRA: string;
}

function enumValues(columnType: string): string[] {
  const inner = /^enum\((.*)\)$/i.exec(columnType)?.[1] ?? '';
  return [...inner.matchAll(/'((?:[^']|'')*)'/g)].map((m) => (m[1] ?? '').replace(/''/g, "'"));
}

describe('the schema (sql/ migrations)', () => {
  const server = testDbServer();
  const created: string[] = [];
  const tempDirs: string[] = [];
  let root: Connection;
  let database: string;

  const db = (name: string) => ({ ...server, database: name });
  const newDatabase = () => {
    const name = newTestDatabaseName();
    created.push(name);
    return name;
  };
  const copyOfSql = () => {
    const dir = mkdtempSync(join(tmpdir(), 'hh-sql-'));
    tempDirs.push(dir);
    cpSync(findSqlDirectory(), dir, { recursive: true });
    return dir;
  };
  const columnsOf = async (name: string) => {
    const [rows] = await root.query<ColumnRow[]>(
      'SELECT * FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION',
      [name],
    );
    return rows;
  };
  const tablesOf = async (name: string) => {
    const [rows] = await root.query<RowDataPacket[]>(
      'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?',
      [name],
    );
    return rows.map((row) => row['name'] as string).sort();
  };
  const ledgerOf = async (name: string) => {
    const [rows] = await root.query<RowDataPacket[]>(
      `SELECT name, checksum FROM \`${name}\`.schema_migrations ORDER BY name`,
    );
    return rows.map((row) => ({ name: row['name'] as string, checksum: row['checksum'] as string }));
  };

  beforeAll(async () => {
    root = await createConnection(server);
    database = newDatabase();
    await migrateDatabase(db(database));
  });
  afterAll(async () => {
    await root.end();
    for (const name of created) await dropDatabase(name);
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });

  describe('migrateDatabase', () => {
    it('creates a missing database (utf8mb4) with every table, and a second run applies nothing', async () => {
      const name = newDatabase();
      const [before] = await root.query<RowDataPacket[]>(
        'SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
        [name],
      );
      expect(before).toHaveLength(0);

      const files = readMigrationFiles(findSqlDirectory()).map((file) => file.name);
      expect(files.slice(0, 2)).toEqual(['001-initial-schema.sql', '002-auth-sessions.sql']);
      const first = await migrateDatabase(db(name));
      expect(first).toEqual({ database: name, applied: files, alreadyApplied: 0 });

      const [[schema]] = await root.query<RowDataPacket[]>(
        'SELECT DEFAULT_CHARACTER_SET_NAME AS charset FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
        [name],
      );
      expect(schema?.['charset']).toBe('utf8mb4');
      expect(await tablesOf(name)).toEqual(expect.arrayContaining(ALL_TABLES));
      expect((await ledgerOf(name)).map((row) => row.name)).toEqual(files);

      const second = await migrateDatabase(db(name));
      expect(second).toEqual({ database: name, applied: [], alreadyApplied: files.length });
    });

    it('records each file with its SHA-256', async () => {
      const files = readMigrationFiles(findSqlDirectory());
      expect(await ledgerOf(database)).toEqual(files.map((file) => ({ name: file.name, checksum: file.checksum })));
      for (const file of files) expect(file.checksum).toMatch(/^[0-9a-f]{64}$/);
    });

    it('stops, naming the file, when an applied migration was edited', async () => {
      const dir = copyOfSql();
      const name = newDatabase();
      await migrateDatabase(db(name), { sqlDir: dir });
      appendFileSync(join(dir, '001-initial-schema.sql'), '\n-- an innocent-looking comment\n');
      await expect(migrateDatabase(db(name), { sqlDir: dir })).rejects.toThrow(/001-initial-schema\.sql/);
      await expect(migrateDatabase(db(name), { sqlDir: dir })).rejects.toThrow(/edited/);
    });

    it('accepts a database that applied a file before its comments were corrected, and only with that file', async () => {
      const name = newDatabase();
      await migrateDatabase(db(name));
      // The checksum 001 had when it cited documents outside the repository: its SQL is the same.
      const firstText = '3cf7d4ceeeb5f436329f0b4d140183c8503a2161aedb88c016517797b9bba7ca';
      await root.query(`UPDATE \`${name}\`.schema_migrations SET checksum = ? WHERE name = '001-initial-schema.sql'`, [
        firstText,
      ]);
      await expect(migrateDatabase(db(name))).resolves.toMatchObject({ applied: [] });

      const dir = copyOfSql();
      appendFileSync(join(dir, '001-initial-schema.sql'), '\n-- a further edit\n');
      await expect(migrateDatabase(db(name), { sqlDir: dir })).rejects.toThrow(/001-initial-schema\.sql[\s\S]*edited/);
    });

    it('stops, naming the file, when an applied migration is missing', async () => {
      const dir = copyOfSql();
      const name = newDatabase();
      await migrateDatabase(db(name), { sqlDir: dir });
      unlinkSync(join(dir, '002-auth-sessions.sql'));
      await expect(migrateDatabase(db(name), { sqlDir: dir })).rejects.toThrow(/002-auth-sessions\.sql/);
    });

    it('applies a new file on the next run, and stops at a failing one without recording it', async () => {
      const dir = copyOfSql();
      const name = newDatabase();
      await migrateDatabase(db(name), { sqlDir: dir });
      writeFileSync(join(dir, '900-extra-table.sql'), 'CREATE TABLE extra_things (id INT PRIMARY KEY);\n');
      const next = await migrateDatabase(db(name), { sqlDir: dir });
      expect(next.applied).toEqual(['900-extra-table.sql']);
      expect(await tablesOf(name)).toContain('extra_things');

      writeFileSync(join(dir, '901-broken.sql'), 'CREATE TABLE broken_things (id INT PRIMARY KEY;\n');
      writeFileSync(join(dir, '902-after-broken.sql'), 'CREATE TABLE after_broken (id INT PRIMARY KEY);\n');
      await expect(migrateDatabase(db(name), { sqlDir: dir })).rejects.toThrow(/901-broken\.sql/);
      const ledger = (await ledgerOf(name)).map((row) => row.name);
      expect(ledger).not.toContain('901-broken.sql');
      expect(ledger).not.toContain('902-after-broken.sql');
      expect(await tablesOf(name)).not.toContain('after_broken');
    });

    it('refuses a badly named file', async () => {
      const dir = copyOfSql();
      writeFileSync(join(dir, 'add-things.sql'), 'SELECT 1;\n');
      await expect(migrateDatabase(db(newDatabase()), { sqlDir: dir })).rejects.toThrow(/add-things\.sql/);
    });

    it('lets two instances migrate a new database at once: both succeed and each file runs once', async () => {
      const name = newDatabase();
      const files = readMigrationFiles(findSqlDirectory()).map((file) => file.name);
      const outcomes = await Promise.all([migrateDatabase(db(name)), migrateDatabase(db(name))]);
      const applied = outcomes.flatMap((outcome) => outcome.applied).sort();
      expect(applied).toEqual(files);
      expect((await ledgerOf(name)).map((row) => row.name)).toEqual(files);
    });
  });

  describe('contents', () => {
    it('has every column of the seven initial tables, and every enum value', async () => {
      const columns = await columnsOf(database);
      for (const [table, names] of Object.entries(PRODUCT_PLAN_COLUMNS)) {
        const present = columns.filter((c) => c.TABLE_NAME === table).map((c) => c.COLUMN_NAME);
        expect({ table, missing: names.filter((n) => !present.includes(n)) }).toEqual({ table, missing: [] });
      }
      for (const [table, column, values] of PRODUCT_PLAN_ENUMS) {
        const row = columns.find((c) => c.TABLE_NAME === table && c.COLUMN_NAME === column);
        expect({ table, column, values: enumValues(row?.COLUMN_TYPE ?? '') }).toEqual({
          table,
          column,
          values: expect.arrayContaining(values),
        });
      }
    });

    it('carries later changes: calls.status has canceled; api_keys has key_prefix and a 64-char api_key', async () => {
      const columns = await columnsOf(database);
      const find = (table: string, column: string) =>
        columns.find((c) => c.TABLE_NAME === table && c.COLUMN_NAME === column);
      expect(enumValues(find('calls', 'status')?.COLUMN_TYPE ?? '')).toContain('canceled');
      expect(find('api_keys', 'key_prefix')).toBeDefined();
      expect(find('api_keys', 'api_key')).toMatchObject({ CHARACTER_MAXIMUM_LENGTH: 64 });
    });

    it('stores times as DATETIME(3) in UTC', async () => {
      const columns = await columnsOf(database);
      const times = columns.filter((c) => /(_date|_at|_time|last_login|last_used)$/.test(c.COLUMN_NAME));
      expect(times.length).toBeGreaterThan(15);
      for (const column of times) {
        expect({ column: `${column.TABLE_NAME}.${column.COLUMN_NAME}`, type: column.COLUMN_TYPE }).toEqual({
          column: `${column.TABLE_NAME}.${column.COLUMN_NAME}`,
          type: 'datetime(3)',
        });
      }
    });
  });

  describe('matches the TypeORM entities', () => {
    let dataSource: DataSource;
    let columns: ColumnRow[];
    beforeAll(async () => {
      const config = loadConfig({
        MARIADB_HOST: server.host,
        MARIADB_PORT: String(server.port),
        MARIADB_USER: server.user,
        MARIADB_PASSWORD: server.password,
        MARIADB_DATABASE: database,
      });
      dataSource = new DataSource(typeormOptions(config));
      await dataSource.initialize();
      columns = await columnsOf(database);
    });
    afterAll(() => dataSource?.destroy());

    it('maps every table but the migrations ledger', async () => {
      const mapped = ENTITIES.map((entity) => dataSource.getMetadata(entity).tableName).sort();
      const tables = (await tablesOf(database)).filter((name) => name !== 'schema_migrations');
      expect(mapped).toEqual(tables);
    });

    it.each(ENTITIES.map((entity) => [entity.name, entity] as const))(
      '%s: every mapped column exists with the same nullability and a compatible type, and every column is mapped',
      (_name, entity) => {
        const metadata = dataSource.getMetadata(entity);
        const table = columns.filter((c) => c.TABLE_NAME === metadata.tableName);
        expect(table.length).toBeGreaterThan(0);
        expect(metadata.columns.map((c) => c.databaseName).sort()).toEqual(table.map((c) => c.COLUMN_NAME).sort());

        for (const column of metadata.columns) {
          const row = table.find((c) => c.COLUMN_NAME === column.databaseName);
          const where = `${metadata.tableName}.${column.databaseName}`;
          if (!row) throw new Error(`${where} is mapped but not in the database`);
          const type = String(column.type);
          const actual = {
            where,
            nullable: row.IS_NULLABLE === 'YES',
            // MariaDB's JSON is LONGTEXT with a json_valid check.
            type: type === 'json' && row.DATA_TYPE === 'longtext' ? 'json' : row.DATA_TYPE,
            generated: row.EXTRA.includes('auto_increment'),
          };
          expect(actual).toEqual({
            where,
            nullable: column.isNullable,
            type,
            generated: column.isGenerated && column.generationStrategy === 'increment',
          });
          if (type === 'varchar' || type === 'char') {
            expect({ where, length: row.CHARACTER_MAXIMUM_LENGTH }).toEqual({ where, length: Number(column.length) });
          }
          if (type === 'enum') {
            expect({ where, values: [...enumValues(row.COLUMN_TYPE)].sort() }).toEqual({
              where,
              values: [...(column.enum ?? [])].map(String).sort(),
            });
          }
          if (type === 'decimal') {
            expect({ where, precision: row.NUMERIC_PRECISION, scale: row.NUMERIC_SCALE }).toEqual({
              where,
              precision: column.precision,
              scale: column.scale,
            });
          }
          if (type === 'datetime') {
            expect({ where, precision: row.DATETIME_PRECISION }).toEqual({ where, precision: column.precision });
          }
          if (column.default !== undefined && typeof column.default !== 'function') {
            const dbDefault = (row.COLUMN_DEFAULT ?? 'NULL').replace(/^'(.*)'$/, '$1');
            const same =
              typeof column.default === 'number'
                ? Number(dbDefault) === column.default
                : dbDefault === String(column.default);
            expect({ where, default: same ? column.default : dbDefault }).toEqual({ where, default: column.default });
          }
        }
      },
    );

    it('declares the same unique keys as the database', async () => {
      const [indexes] = await root.query<RowDataPacket[]>(
        `SELECT TABLE_NAME AS tableName, INDEX_NAME AS indexName, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) AS cols
           FROM information_schema.STATISTICS
          WHERE TABLE_SCHEMA = ? AND NON_UNIQUE = 0 AND INDEX_NAME <> 'PRIMARY'
          GROUP BY TABLE_NAME, INDEX_NAME`,
        [database],
      );
      const inDatabase = indexes
        .filter((index) => index['tableName'] !== 'schema_migrations')
        .map((index) => `${index['tableName']}(${index['cols']})`)
        .sort();
      const inEntities = ENTITIES.flatMap((entity) => {
        const metadata = dataSource.getMetadata(entity);
        return [...metadata.uniques, ...metadata.indices.filter((index) => index.isUnique)].map(
          (unique) => `${metadata.tableName}(${unique.columns.map((c) => c.databaseName).join(',')})`,
        );
      }).sort();
      expect([...new Set(inEntities)]).toEqual(inDatabase);
    });
  });
});
