import { cpSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection, createConnection, RowDataPacket } from 'mysql2/promise';
import { ACTIVITY_ACTIONS, type ActivityLog, LEGACY_ACTIVITY_ACTIONS } from '@hh/contracts';
import { findSqlDirectory, migrateDatabase } from '../../src/database/migrator';
import { activeClient } from '../support/accounts';
import { dropDatabase, newTestDatabaseName, startTestApp, TestApp, testDbServer } from '../support/test-app';
import { call, newAdmin } from '../admin/admin-support';

const RENAMES: [string, string][] = [
  ['refresh_token_reuse', 'refresh_token_reused'],
  ['password_change', 'password_changed'],
  ['profile_update', 'profile_updated'],
  ['admin_bootstrap', 'admin_bootstrapped'],
  ['request_cancelled', 'request_canceled'],
];

/** Activity actions use one tense and spelling: the stored rows are renamed, and the filter still takes old names. */
describe('activity action names', () => {
  it('lists each former name with its current one, and no former name is still current', () => {
    expect(Object.entries(LEGACY_ACTIVITY_ACTIONS)).toEqual(RENAMES);
    for (const [old, current] of RENAMES) {
      expect(ACTIVITY_ACTIONS).toContain(current);
      expect(ACTIVITY_ACTIONS).not.toContain(old);
    }
  });

  describe('sql/008-activity-action-names.sql', () => {
    const server = testDbServer();
    const name = newTestDatabaseName();
    let root: Connection;
    let before: string;

    beforeAll(async () => {
      root = await createConnection(server);
      // The schema as it was before 008: rows written then carry the former names.
      before = mkdtempSync(join(tmpdir(), 'hh-sql-'));
      cpSync(findSqlDirectory(), before, { recursive: true });
      unlinkSync(join(before, '008-activity-action-names.sql'));
    });
    afterAll(async () => {
      await root.end();
      await dropDatabase(name);
      rmSync(before, { recursive: true, force: true });
    });

    it('renames the stored former names and leaves every other row as it was', async () => {
      const first = await migrateDatabase({ ...server, database: name }, { sqlDir: before });
      expect(first.applied).not.toContain('008-activity-action-names.sql');
      const stored = [...RENAMES.map(([old]) => old), 'login', 'request_created', 'something_else'];
      for (const action of stored) {
        await root.query(
          `INSERT INTO \`${name}\`.activity_logs (action, entity_type, details, created_at)
           VALUES (?, 'user', JSON_OBJECT('kept', ?), UTC_TIMESTAMP(3))`,
          [action, action],
        );
      }

      const second = await migrateDatabase({ ...server, database: name });
      expect(second.applied).toEqual(['008-activity-action-names.sql']);

      const [rows] = await root.query<RowDataPacket[]>(
        `SELECT action, JSON_VALUE(details, '$.kept') AS kept FROM \`${name}\`.activity_logs ORDER BY id`,
      );
      expect(rows.map((row) => [row['kept'], row['action']])).toEqual([
        ...RENAMES,
        ['login', 'login'],
        ['request_created', 'request_created'],
        ['something_else', 'something_else'],
      ]);
    });
  });

  describe('GET /admin/activity?action=', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ CALL_ENGINE: 'off' });
    });
    afterAll(() => t.close());

    it('accepts a former name as the current one, and still refuses an unknown action', async () => {
      const admin = await newAdmin(t);
      const actor = await activeClient(t);
      await t.sql(
        `INSERT INTO activity_logs (user_id, action, entity_type, entity_id, created_at)
         VALUES (?, 'profile_updated', 'user', ?, UTC_TIMESTAMP(3))`,
        [actor.user.id, actor.user.id],
      );
      const actions = async (action: string) =>
        (
          (
            await call(t, 'get', `/admin/activity?userId=${actor.user.id}&action=${action}`, admin.accessToken).expect(
              200,
            )
          ).body.data as ActivityLog[]
        ).map((row) => row.action);

      expect(await actions('profile_updated')).toEqual(['profile_updated']);
      expect(await actions('profile_update')).toEqual(['profile_updated']);
      expect(await actions('request_cancelled')).toEqual([]);

      const refused = await call(t, 'get', '/admin/activity?action=profile_updates', admin.accessToken).expect(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'action' })]);
    });
  });
});
