import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FINAL_CALL_STATUSES } from '@hh/contracts';
import { CALL_ROLLUPS } from '../../src/app/analytics/call-rollups';
import { findSqlDirectory, readMigrationFiles } from '../../src/database/migrator';

type Sql = (query: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

const FINAL_LIST = FINAL_CALL_STATUSES.map((s) => `'${s}'`).join(', ');

/**
 * Every rollup table as stored, next to the same figures grouped straight from calls (final calls only), keyed by
 * table name: equal when the rollups are exact.
 */
export async function rollupsAndRecomputation(sql: Sql) {
  const stored: Record<string, unknown[]> = {};
  const recomputed: Record<string, unknown[]> = {};
  const norm = (rows: Record<string, unknown>[]) =>
    rows.map((r) => ({ ...r, calls: Number(r['calls']), duration: Number(r['duration']), cost: Number(r['cost']) }));
  for (const rollup of CALL_ROLLUPS) {
    const format = { month: '%Y-%m-01', day: '%Y-%m-%d', hour: '%Y-%m-%d %H:00:00' }[rollup.period];
    const key = rollup.key === 'status' ? 'CAST(status AS CHAR)' : 'user_id';
    stored[rollup.table] = norm(
      await sql(
        `SELECT DATE_FORMAT(${rollup.period}, '${format}') AS period, ${key} AS k, calls,
                CAST(duration_seconds AS SIGNED) AS duration, CAST(cost AS CHAR) AS cost
           FROM ${rollup.table} ORDER BY 1, 2`,
      ),
    );
    recomputed[rollup.table] = norm(
      await sql(
        `SELECT DATE_FORMAT(start_time, '${format}') AS period, ${key} AS k, COUNT(*) AS calls,
                CAST(SUM(duration_seconds) AS SIGNED) AS duration, CAST(SUM(cost) AS CHAR) AS cost
           FROM calls WHERE status IN (${FINAL_LIST}) GROUP BY 1, 2 ORDER BY 1, 2`,
      ),
    );
  }
  return { stored, recomputed };
}

/**
 * The backfill of each rollup table: its last `INSERT INTO <table> … ;` across sql/ (sql/006 rebuilds every rollup
 * from calls), in file order: what migrating a database that already holds calls does.
 */
export function rollupBackfills(): { table: string; sql: string }[] {
  const tables = new Set(CALL_ROLLUPS.map((r) => r.table));
  const latest = new Map<string, string>();
  for (const file of readMigrationFiles(findSqlDirectory())) {
    const text = readFileSync(join(findSqlDirectory(), file.name), 'utf8');
    for (const match of text.matchAll(/^INSERT INTO (\w+)[^;]*;/gm)) {
      if (!tables.has(match[1])) continue;
      latest.delete(match[1]); // keep file order of the latest statements
      latest.set(match[1], match[0].replace(/;$/, ''));
    }
  }
  return [...latest].map(([table, sql]) => ({ table, sql }));
}

/** Empties every rollup and runs the backfills again, for calls written by SQL (bypassing the engine). */
export async function rebuildRollups(sql: Sql): Promise<void> {
  const backfills = rollupBackfills();
  for (const { table } of backfills) await sql(`DELETE FROM ${table}`);
  for (const backfill of backfills) await sql(backfill.sql);
}
