import type { AuthResponse } from '@hh/contracts';
import { logInAdmin } from '../support/accounts';
import { eventually } from '../support/calls';
import { expectProblem } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { call, newAdmin } from './admin-support';

/**
 * The admin guard rails of PATCH /admin/users/:id: an admin cannot demote or suspend themselves, and the
 * last active admin cannot be demoted or suspended, also when two admins demote each other at the same moment.
 * Its own database: the first admin starts out as the only one.
 */
describe('admin API: the admins guard rails', () => {
  let t: TestApp;
  let first: AuthResponse;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
    first = await logInAdmin(t);
  });
  afterAll(() => t.close());

  const activeAdmins = async () =>
    (await t.sql<{ id: number }>("SELECT id FROM users WHERE role = 'admin' AND status = 'active' ORDER BY id")).map(
      (row) => row.id,
    );

  it('keeps the only admin an active admin, whoever asks', async () => {
    expect(await activeAdmins()).toEqual([first.user.id]);
    for (const body of [{ role: 'client' }, { status: 'suspended' }, { role: 'client', status: 'suspended' }]) {
      const res = await call(t, 'patch', `/admin/users/${first.user.id}`, first.accessToken, body);
      expectProblem(res, 409, /last active admin/);
    }
    // Changes that keep them an active admin are fine.
    await call(t, 'patch', `/admin/users/${first.user.id}`, first.accessToken, { name: 'Head Admin' }).expect(200);
    await call(t, 'patch', `/admin/users/${first.user.id}`, first.accessToken, {
      role: 'admin',
      status: 'active',
    }).expect(200);
    expect(await activeAdmins()).toEqual([first.user.id]);
    const [row] = await t.sql<{ n: number }>(
      "SELECT COUNT(*) AS n FROM activity_logs WHERE action IN ('user_role_changed', 'user_status_changed')",
    );
    expect(Number(row?.n)).toBe(0);
  });

  it('does not let an admin demote or suspend themselves, even with another admin around', async () => {
    const second = await newAdmin(t);
    expectProblem(
      await call(t, 'patch', `/admin/users/${second.user.id}`, second.accessToken, { role: 'client' }),
      409,
      /cannot demote yourself/,
    );
    expectProblem(
      await call(t, 'patch', `/admin/users/${second.user.id}`, second.accessToken, { status: 'suspended' }),
      409,
      /cannot suspend yourself/,
    );
    await call(t, 'patch', `/admin/users/${second.user.id}`, second.accessToken, { name: 'Second Admin' }).expect(200);
    expect(await activeAdmins()).toEqual([first.user.id, second.user.id]);
  });

  it('lets an admin demote or suspend another admin while one stays', async () => {
    const other = await newAdmin(t);
    await call(t, 'patch', `/admin/users/${other.user.id}`, first.accessToken, { role: 'client' }).expect(200);
    expectProblem(await call(t, 'get', '/admin/users', other.accessToken), 403);
    await call(t, 'patch', `/admin/users/${other.user.id}`, first.accessToken, { role: 'admin' }).expect(200);
    await call(t, 'get', '/admin/users', other.accessToken).expect(200);
    await call(t, 'patch', `/admin/users/${other.user.id}`, first.accessToken, { status: 'suspended' }).expect(200);
    expectProblem(await call(t, 'get', '/admin/users', other.accessToken), 403, /suspended/);
    expect(await activeAdmins()).not.toContain(other.user.id);
  });

  it.each([
    ['demote', { role: 'client' }],
    ['suspend', { status: 'suspended' }],
  ])('lets only one of two admins who %s each other at the same moment succeed', async (_verb, body) => {
    // Only these two are active admins now.
    const a = await newAdmin(t);
    const b = await newAdmin(t);
    const others = (await activeAdmins()).filter((id) => id !== a.user.id && id !== b.user.id);
    await t.sql(`UPDATE users SET role = 'client' WHERE id IN (${others.join(',')})`);
    try {
      // Hold the admins' rows so both requests get past authentication and wait at the same lock.
      await t.sql('START TRANSACTION');
      await t.sql("SELECT id FROM users WHERE role = 'admin' AND status = 'active' FOR UPDATE");
      const pending = [
        call(t, 'patch', `/admin/users/${b.user.id}`, a.accessToken, body).then((res) => res),
        call(t, 'patch', `/admin/users/${a.user.id}`, b.accessToken, body).then((res) => res),
      ];
      await eventually(
        async () => {
          const [row] = await t.sql<{ n: number }>(
            `SELECT COUNT(*) AS n FROM information_schema.innodb_trx x
               JOIN information_schema.processlist p ON p.id = x.trx_mysql_thread_id
              WHERE x.trx_state = 'LOCK WAIT' AND p.db = DATABASE()`,
          );
          return Number(row?.n) >= 2;
        },
        5000,
        'both demotions waiting for the lock',
        // InnoDB refreshes innodb_trx only when it was not read in the last 100 ms.
        250,
      );
      await t.sql('COMMIT');
      const results = await Promise.all(pending);
      expect(results.map((res) => res.status).sort()).toEqual([200, 409]);
      const refused = results.find((res) => res.status === 409);
      if (refused) expectProblem(refused, 409, /last active admin/);
      expect(await activeAdmins()).toHaveLength(1);
    } finally {
      await t.sql('ROLLBACK').catch(() => undefined);
      await t.sql(
        `UPDATE users SET role = 'admin', status = 'active' WHERE id IN (${[...others, a.user.id, b.user.id].join(',')})`,
      );
    }
  });
});
