import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { CALL_STATUSES, CallStatus, FAILED_CALL_STATUSES } from '@hh/contracts';
import { analyticsQueries, topUsersQuery } from '../../src/app/analytics/rollups.repository';
import { ActivityService } from '../../src/app/activity/activity.service';
import { CallEngine } from '../../src/app/calls/call-engine';
import { findSqlDirectory, migrateDatabase, readMigrationFiles } from '../../src/database/migrator';
import { activeClient, bearer, logInAdmin, signUp } from '../support/accounts';
import { Caller, caller, insertCall, ManualClock, placeCall } from '../support/calls';
import { expectProblem } from '../support/http';
import { rebuildRollups, rollupsAndRecomputation } from '../support/rollups';
import { dropDatabase, newTestDatabaseName, startTestApp, TestApp, testDbServer } from '../support/test-app';
import { insertNumber } from './admin-support';

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;

interface Analytics {
  totals: Record<string, number>;
  daily: { date: string; calls: number; successful: number; failed: number; durationSeconds: number; cost: number }[];
  byStatus: Record<CallStatus, number>;
  topUsers: { userId: number; name: string; email: string; calls: number; durationSeconds: number; cost: number }[];
}

/**
 * GET /admin/analytics, checked against a recomputation from the raw tables (users, phone_numbers,
 * number_requests, calls) for calls made final by the engine (driven by hand with a manual clock), by hang-ups,
 * and by rows written straight into calls and then backfilled as the migrations do.
 */
describe('GET /admin/analytics', () => {
  let t: TestApp;
  let clock: ManualClock;
  let engine: CallEngine;
  let admin: string;
  const epoch = Date.parse('2032-03-10T10:00:00.000Z');

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback', CALL_ENGINE: 'off' });
    engine = t.app.get(CallEngine);
    clock = ManualClock.install(t, epoch);
    admin = (await logInAdmin(t)).accessToken;
  });
  afterAll(() => t.close());

  const get = (query: string, token = admin) => t.http().get(`/api/v1/admin/analytics${query}`).set(bearer(token));

  /** Ticks until nothing more is due at `at`. */
  async function drainAt(at: number): Promise<void> {
    clock.set(at);
    for (let applied = await engine.tick(); applied > 0; applied = await engine.tick()) {
      // until nothing more is due
    }
  }

  /** The analytics of [from, to) recomputed from the raw tables, in the shape of the response. */
  async function recompute(from: Date, to: Date): Promise<Analytics> {
    const count = async (sql: string) => Number((await t.sql<{ n: number }>(sql))[0]?.n ?? 0);
    const totals: Record<string, number> = {
      users: await count('SELECT COUNT(*) AS n FROM users'),
      activeUsers: await count("SELECT COUNT(*) AS n FROM users WHERE status = 'active'"),
      pendingUsers: await count("SELECT COUNT(*) AS n FROM users WHERE status = 'pending'"),
      suspendedUsers: await count("SELECT COUNT(*) AS n FROM users WHERE status = 'suspended'"),
      numbers: await count('SELECT COUNT(*) AS n FROM phone_numbers'),
      assignedNumbers: await count("SELECT COUNT(*) AS n FROM phone_numbers WHERE status = 'assigned'"),
      availableNumbers: await count("SELECT COUNT(*) AS n FROM phone_numbers WHERE status = 'available'"),
      pendingRequests: await count("SELECT COUNT(*) AS n FROM number_requests WHERE status = 'pending'"),
    };
    const calls = await t.sql<{
      user_id: number;
      name: string;
      email: string;
      status: CallStatus;
      day: string;
      duration_seconds: number;
      cost: string;
    }>(
      `SELECT c.user_id, u.name, u.email, c.status, DATE_FORMAT(c.start_time, '%Y-%m-%d') AS day,
              c.duration_seconds, CAST(c.cost AS CHAR) AS cost
         FROM calls c JOIN users u ON u.id = c.user_id
        WHERE c.start_time >= ? AND c.start_time < ?`,
      [from, to],
    );
    const byStatus = Object.fromEntries(CALL_STATUSES.map((s) => [s, 0])) as Record<CallStatus, number>;
    const daily = new Map<string, Analytics['daily'][number]>();
    for (let day = Math.floor(from.getTime() / DAY); day * DAY < to.getTime(); day++) {
      const date = new Date(day * DAY).toISOString().slice(0, 10);
      daily.set(date, { date, calls: 0, successful: 0, failed: 0, durationSeconds: 0, cost: 0 });
    }
    const users = new Map<number, Analytics['topUsers'][number]>();
    let cents = 0;
    let duration = 0;
    for (const c of calls) {
      const cost = Math.round(Number(c.cost) * 10_000);
      byStatus[c.status] += 1;
      duration += c.duration_seconds;
      cents += cost;
      const d = daily.get(c.day) as Analytics['daily'][number];
      d.calls += 1;
      d.successful += c.status === 'completed' ? 1 : 0;
      d.failed += FAILED_CALL_STATUSES.includes(c.status) ? 1 : 0;
      d.durationSeconds += c.duration_seconds;
      d.cost = (Math.round(d.cost * 10_000) + cost) / 10_000;
      const u = users.get(c.user_id) ?? {
        userId: c.user_id,
        name: c.name,
        email: c.email,
        calls: 0,
        durationSeconds: 0,
        cost: 0,
      };
      u.calls += 1;
      u.durationSeconds += c.duration_seconds;
      u.cost = (Math.round(u.cost * 10_000) + cost) / 10_000;
      users.set(c.user_id, u);
    }
    return {
      totals: {
        ...totals,
        calls: calls.length,
        successfulCalls: byStatus.completed,
        failedCalls: byStatus.failed + byStatus.busy + byStatus.no_answer,
        totalDurationSeconds: duration,
        totalCost: cents / 10_000,
      },
      daily: [...daily.values()],
      byStatus,
      topUsers: [...users.values()].sort((a, b) => b.calls - a.calls || a.userId - b.userId).slice(0, 10),
    };
  }

  /** Every rollup rebuilt by the backfill statements of sql/, as migrating a database that holds calls does. */
  const backfill = () => rebuildRollups(t.sql);
  const rollupAndRecomputation = () => rollupsAndRecomputation(t.sql);

  async function expectExact(from: string, to: string, fromDate: Date, toDate: Date): Promise<Analytics> {
    const res = await get(`?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`).expect(200);
    expect(res.body).toEqual(await recompute(fromDate, toDate));
    return res.body as Analytics;
  }

  describe('access and input', () => {
    it('401 without credentials, 403 for a client, on both routes', async () => {
      const client = await activeClient(t);
      for (const path of ['/api/v1/admin/analytics', '/api/v1/admin/analytics/export']) {
        expectProblem(await t.http().get(path), 401);
        expectProblem(await t.http().get(path).set(bearer(client.accessToken)), 403);
      }
    });

    it.each([
      ['?from=yesterday', 'not a date'],
      ['?to=2032-02-30', 'not a real date'],
      ['?from=2032-03-10&to=2032-03-01', 'from after to'],
      ['?from=2020-01-01&to=2032-03-01', 'over 731 days'],
      ['?from=2032-03-01&bogus=1', 'an unknown parameter'],
    ])('400 for %s (%s), on both routes', async (query) => {
      expectProblem(await get(query), 400);
      expectProblem(await t.http().get(`/api/v1/admin/analytics/export${query}`).set(bearer(admin)), 400);
    });
  });

  describe('figures', () => {
    let alice: Caller;
    let bob: Caller;

    beforeAll(async () => {
      clock.set(epoch);
      alice = await caller(t);
      bob = await caller(t);
      await signUp(t); // a pending user
      const suspended = await activeClient(t);
      await t.sql("UPDATE users SET status = 'suspended' WHERE id = ?", [suspended.user.id]);
      await insertNumber(t, {});
      await t
        .http()
        .post('/api/v1/number-requests')
        .set(bearer(bob.accessToken))
        .send({ numberType: 'local' })
        .expect(201);
    });

    it('counts calls the engine made final, hang-ups and calls in flight, exactly, on every day of the range', async () => {
      // Day 1 (2032-03-10): every test-number outcome, settled by the engine.
      clock.set(epoch);
      for (const toNumber of ['+15005550001', '+15005550002', '+15005550003', '+15005550004', '+15005550004']) {
        await placeCall(t, alice.accessToken, { toNumber }).expect(201);
      }
      await placeCall(t, bob.accessToken, { toNumber: '+15005550004' }).expect(201);
      await drainAt(epoch + HOUR);

      // Day 2: one answered call hung up (completed by PATCH), one canceled while ringing, one left in flight.
      const day2 = epoch + DAY;
      clock.set(day2);
      const answered = (await placeCall(t, bob.accessToken, { toNumber: '+15005550005' }).expect(201)).body.id;
      await drainAt(day2 + 20 * SECOND);
      clock.set(day2 + 95 * SECOND);
      await t
        .http()
        .patch(`/api/v1/calls/${answered}`)
        .set(bearer(bob.accessToken))
        .send({ status: 'completed' })
        .expect(200);
      const ringing = (await placeCall(t, alice.accessToken, { toNumber: '+15005550004' }).expect(201)).body.id;
      await drainAt(day2 + 98 * SECOND); // now ringing
      clock.set(day2 + 99 * SECOND);
      await t
        .http()
        .patch(`/api/v1/calls/${ringing}`)
        .set(bearer(alice.accessToken))
        .send({ status: 'canceled' })
        .expect(200);
      await placeCall(t, alice.accessToken, { toNumber: '+15005550005' }).expect(201);
      await drainAt(day2 + 200 * SECOND); // in_progress until hung up

      const statuses = await t.sql<{ status: string; n: number }>(
        'SELECT CAST(status AS CHAR) AS status, COUNT(*) AS n FROM calls GROUP BY status ORDER BY status',
      );
      expect(statuses.map((s) => [s.status, Number(s.n)])).toEqual([
        ['busy', 1],
        ['canceled', 1],
        ['completed', 4],
        ['failed', 1],
        ['in_progress', 1],
        ['no_answer', 1],
      ]);
      const { stored, recomputed } = await rollupAndRecomputation();
      expect(stored).toEqual(recomputed);

      const body = await expectExact('2032-03-01', '2032-03-15', new Date('2032-03-01'), new Date('2032-03-16'));
      expect(body.totals).toMatchObject({ calls: 9, successfulCalls: 4, failedCalls: 3, pendingUsers: 1 });
      expect(body.daily).toHaveLength(15);
      expect(body.byStatus.in_progress).toBe(1);
      expect(body.topUsers.map((u) => u.userId)).toEqual([alice.user.id, bob.user.id]);

      // Date-times: partial days at either end come from calls, whole days from the rollup.
      await expectExact(
        '2032-03-10T10:00:00.000Z',
        '2032-03-11T10:01:00.000Z',
        new Date('2032-03-10T10:00:00.000Z'),
        new Date(Date.parse('2032-03-11T10:01:00.000Z') + 1),
      );
      await expectExact(
        '2032-03-09T12:00:00.000Z',
        '2032-03-12T00:00:00.000Z',
        new Date('2032-03-09T12:00:00.000Z'),
        new Date(Date.parse('2032-03-12T00:00:00.000Z') + 1),
      );
      // Partial hours at both ends, whole hours around them, whole days between.
      await expectExact(
        '2032-03-10T09:59:59.999Z',
        '2032-03-11T00:01:30.000Z',
        new Date('2032-03-10T09:59:59.999Z'),
        new Date(Date.parse('2032-03-11T00:01:30.000Z') + 1),
      );
      // Within one day.
      await expectExact(
        '2032-03-11T10:00:00.000Z',
        '2032-03-11T10:01:40.000Z',
        new Date('2032-03-11T10:00:00.000Z'),
        new Date(Date.parse('2032-03-11T10:01:40.000Z') + 1),
      );

      // The default: the last 30 UTC days, today included.
      clock.set(Date.parse('2032-03-20T08:00:00.000Z'));
      const byDefault = (await get('').expect(200)).body as Analytics;
      expect(byDefault.daily[0]?.date).toBe('2032-02-20');
      expect(byDefault.daily.at(-1)?.date).toBe('2032-03-20');
      expect(byDefault).toEqual(await recompute(new Date('2032-02-20'), new Date('2032-03-21')));
    });

    it('counts calls written straight into calls once the rollups are backfilled as the migrations do', async () => {
      const carol = await caller(t);
      const statuses: CallStatus[] = ['completed', 'failed', 'busy', 'no_answer', 'canceled', 'completed'];
      for (let i = 0; i < 24; i++) {
        await insertCall(t, {
          userId: i % 2 ? carol.user.id : alice.user.id,
          fromNumber: carol.number,
          status: statuses[i % statuses.length],
          durationSeconds: statuses[i % statuses.length] === 'completed' ? 30 + i * 7 : 0,
          startTime: new Date(Date.parse('2032-02-25T00:00:00.000Z') + i * 7 * HOUR + i * SECOND),
        });
      }
      // The rows bypassed the engine, so the rollup does not know them yet: the migration's backfill does.
      const bypassed = await rollupAndRecomputation();
      expect(bypassed.stored).not.toEqual(bypassed.recomputed);
      await backfill();
      const { stored, recomputed } = await rollupAndRecomputation();
      expect(stored).toEqual(recomputed);

      await expectExact('2032-02-20', '2032-03-15', new Date('2032-02-20'), new Date('2032-03-16'));
      // Whole months (February, March) for the top users, days and hours around them.
      await expectExact(
        '2032-01-31T23:30:00.000Z',
        '2032-04-01T00:30:00.000Z',
        new Date('2032-01-31T23:30:00.000Z'),
        new Date(Date.parse('2032-04-01T00:30:00.000Z') + 1),
      );
      await expectExact(
        '2032-02-25T05:30:00.000Z',
        '2032-03-02T13:00:00.000Z',
        new Date('2032-02-25T05:30:00.000Z'),
        new Date(Date.parse('2032-03-02T13:00:00.000Z') + 1),
      );
    });

    it('lists at most 10 top users, most calls first', async () => {
      const many: number[] = [];
      for (let i = 0; i < 11; i++) {
        const user = await activeClient(t);
        many.push(user.user.id);
        for (let j = 0; j <= i; j++) {
          await insertCall(t, {
            userId: user.user.id,
            fromNumber: '+19095550100',
            startTime: new Date(Date.parse('2032-01-10T09:00:00.000Z') + j * HOUR),
          });
        }
      }
      await backfill();
      const body = await expectExact('2032-01-10', '2032-01-10', new Date('2032-01-10'), new Date('2032-01-11'));
      expect(body.topUsers).toHaveLength(10);
      expect(body.topUsers[0]).toMatchObject({ userId: many[10], calls: 11 });
    });

    it('exports the daily figures as CSV', async () => {
      const res = await t
        .http()
        .get('/api/v1/admin/analytics/export?from=2032-03-09&to=2032-03-11')
        .set(bearer(admin))
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const json = (await get('?from=2032-03-09&to=2032-03-11').expect(200)).body as Analytics;
      expect(res.text.trim().split('\n')).toEqual([
        'date,calls,successful,failed,durationSeconds,cost',
        ...json.daily.map(
          (d) => `${d.date},${d.calls},${d.successful},${d.failed},${d.durationSeconds},${d.cost.toFixed(4)}`,
        ),
      ]);
    });
  });

  describe('rollups', () => {
    it('never scans calls in full (EXPLAIN), and reads partial hours from the index alone', async () => {
      const ranges = [
        [new Date('2032-01-01'), new Date('2032-04-01')],
        [new Date('2032-01-01T06:00:00Z'), new Date('2032-04-01T18:00:00Z')],
        [new Date('2032-01-01T06:20:00Z'), new Date('2032-04-01T18:40:00Z')],
        [new Date('2032-03-10T06:00:00Z'), new Date('2032-03-10T18:30:00Z')],
        [new Date('2032-03-10T06:10:00Z'), new Date('2032-03-10T06:50:00Z')],
      ].map(([from, to]) => ({ from: from as Date, to: to as Date }));
      for (const range of ranges) {
        for (const q of [...analyticsQueries(range, 'day'), ...analyticsQueries(range, 'user'), topUsersQuery(range)]) {
          const rows = await t.sql<{ table: string; type: string; key: string; Extra: string }>(
            `EXPLAIN ${q.sql}`,
            q.params,
          );
          const calls = rows.filter((r) => r.table === 'calls');
          if (q.sql.includes('FROM calls')) expect(calls.length).toBeGreaterThan(0);
          for (const row of calls) {
            expect({ sql: q.sql, type: row.type }).toEqual({ sql: q.sql, type: 'range' });
            if (row.key === 'idx_calls_start_time') expect(row.Extra).toContain('Using index');
          }
        }
      }
    });

    it('is written in the same transaction as the final status: a failed batch leaves neither', async () => {
      const dave = await caller(t);
      const start = Date.parse('2032-05-01T10:00:00.000Z');
      clock.set(start);
      const id = (await placeCall(t, dave.accessToken, { toNumber: '+15005550001' }).expect(201)).body.id;
      // Only this call may fall due: what earlier tests left in flight stays where it is.
      await t.sql('UPDATE calls SET next_status = NULL, next_transition_at = NULL WHERE id <> ?', [id]);
      await drainAt(start + 2500); // ringing: not final, no activity written
      const before = await rollupAndRecomputation();
      const activity = t.app.get(ActivityService);
      const spy = jest.spyOn(activity, 'recordMany').mockRejectedValueOnce(new Error('provoked'));
      try {
        clock.set(start + HOUR);
        await expect(engine.tick()).rejects.toThrow('provoked');
      } finally {
        spy.mockRestore();
      }
      const [row] = await t.sql<{ status: string }>('SELECT CAST(status AS CHAR) AS status FROM calls WHERE id = ?', [
        id,
      ]);
      expect(row?.status).toBe('ringing');
      expect(await rollupAndRecomputation()).toEqual(before);

      await drainAt(start + HOUR);
      const [after] = await t.sql<{ status: string }>('SELECT CAST(status AS CHAR) AS status FROM calls WHERE id = ?', [
        id,
      ]);
      expect(after?.status).toBe('failed');
      const now = await rollupAndRecomputation();
      expect(now.stored).toEqual(now.recomputed);
      expect(now.stored).not.toEqual(before.stored);
    });
  });
});

describe('the rollup migrations on a database that already holds calls', () => {
  it('backfill every rollup from the final calls when they are applied (sql/004 to sql/007)', async () => {
    const db = { ...testDbServer(), database: newTestDatabaseName() };
    const before = mkdtempSync(join(tmpdir(), 'sql-003-'));
    try {
      for (const file of readMigrationFiles(findSqlDirectory()).filter((f) => f.name < '004')) {
        copyFileSync(join(findSqlDirectory(), file.name), join(before, file.name));
      }
      await migrateDatabase(db, { sqlDir: before });
      const connection = await createConnection({ ...db, timezone: 'Z' });
      const sql = async (query: string, params: unknown[] = []) =>
        (await connection.query(query, params))[0] as Record<string, unknown>[];
      try {
        await sql(
          "INSERT INTO users (id, name, email, password_hash, status) VALUES (1, 'A', 'a@example.com', 'x', 'active'), (2, 'B', 'b@example.com', 'x', 'active')",
        );
        const rows: unknown[][] = [];
        const statuses = [
          'completed',
          'failed',
          'busy',
          'no_answer',
          'canceled',
          'ringing',
          'in_progress',
          'completed',
        ];
        for (let i = 0; i < 40; i++) {
          const status = statuses[i % statuses.length];
          rows.push([
            (i % 2) + 1,
            '+19095550100',
            '+15005550004',
            status,
            status === 'completed' ? 61 + i : 0,
            new Date(Date.parse('2032-01-01T00:00:00Z') + i * (2 * DAY + 5 * HOUR) + i * 7 * 60 * SECOND),
            status === 'completed' ? 0.04 : 0,
          ]);
        }
        await sql(
          'INSERT INTO calls (user_id, from_number, to_number, status, duration_seconds, start_time, cost) VALUES ?',
          [rows],
        );
        await migrateDatabase(db);
        const { stored, recomputed } = await rollupsAndRecomputation(sql);
        // Three months, forty days and hours, two users: every rollup has several rows to compare.
        for (const rows of Object.values(stored)) expect(rows.length).toBeGreaterThanOrEqual(6);
        expect(stored).toEqual(recomputed);
        // sql/004's per-user-and-status rollup has no reader left: sql/006 drops it.
        expect(await sql("SHOW TABLES LIKE 'daily_call_stats'")).toEqual([]);
      } finally {
        await connection.end();
      }
    } finally {
      rmSync(before, { recursive: true, force: true });
      await dropDatabase(db.database);
    }
  });
});
