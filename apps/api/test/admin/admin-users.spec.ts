import { randomBytes } from 'node:crypto';
import { activeClient, bearer, logIn, signUp, SignedUp } from '../support/accounts';
import { expectProblem } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { activityOf, apiKeyOf, call, insertNumber, newAdmin } from './admin-support';

interface ListedUser {
  id: number;
  name: string;
  email: string;
  role: string;
  status: string;
  totalCalls: number;
  numbersCount: number;
}

/** GET/PATCH /admin/users: search, totals, details, approval, suspension, roles, names. */
describe('admin API: users', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  /** Signs up `count` clients whose names and emails carry one unique tag, oldest first. */
  async function tagged(count: number, tag = randomBytes(4).toString('hex')) {
    const accounts: SignedUp[] = [];
    for (let i = 0; i < count; i++) {
      accounts.push(await signUp(t, { name: `Tagged ${tag} ${i}`, email: `tag${i}.${tag}@example.com` }));
      // Distinct creation times, so "newest first" has one answer.
      await t.sql('UPDATE users SET created_at = UTC_TIMESTAMP(3) - INTERVAL ? SECOND WHERE id = ?', [
        100 - i,
        accounts[i]?.user.id,
      ]);
    }
    return { tag, accounts };
  }

  describe('GET /admin/users', () => {
    it('lists users newest first, with their call total and assigned-number count', async () => {
      const admin = await newAdmin(t);
      const { tag, accounts } = await tagged(3);
      const [first, second, third] = accounts as [SignedUp, SignedUp, SignedUp];
      await t.sql('UPDATE user_analytics SET total_calls = 17 WHERE user_id = ?', [second.user.id]);
      await t.sql('DELETE FROM user_analytics WHERE user_id = ?', [third.user.id]);
      await insertNumber(t, { ownerId: second.user.id });
      await insertNumber(t, { ownerId: second.user.id });
      // A number the user held once, now suspended with them still on record, does not count as assigned.
      await insertNumber(t, { ownerId: first.user.id, status: 'suspended' });

      const res = await call(t, 'get', `/admin/users?q=${tag}`, admin.accessToken).expect(200);
      expect(res.body.meta).toEqual({ page: 1, pageSize: 25, total: 3, totalPages: 1 });
      const rows = res.body.data as ListedUser[];
      expect(rows.map((u) => u.id)).toEqual([third.user.id, second.user.id, first.user.id]);
      expect(rows[1]).toEqual({
        ...second.user,
        createdAt: expect.any(String),
        totalCalls: 17,
        numbersCount: 2,
      });
      expect(rows[0]).toMatchObject({ totalCalls: 0, numbersCount: 0 });
      expect(rows[2]).toMatchObject({ totalCalls: 0, numbersCount: 0 });
      expect(JSON.stringify(res.body)).not.toMatch(/password/i);
    });

    it('searches name and email case-insensitively, with LIKE wildcards taken literally', async () => {
      const admin = await newAdmin(t);
      const tag = randomBytes(4).toString('hex');
      const ann = await signUp(t, { name: `Ann ${tag} Percent%`, email: `ann.${tag}@example.com` });
      const bob = await signUp(t, { name: `Bob ${tag}`, email: `bob_${tag}@example.org` });
      const ids = async (q: string) =>
        (
          (await call(t, 'get', `/admin/users?q=${encodeURIComponent(q)}`, admin.accessToken).expect(200)).body
            .data as ListedUser[]
        ).map((u) => u.id);
      expect(await ids(`ANN ${tag.toUpperCase()}`)).toEqual([ann.user.id]);
      expect(await ids(`bob_${tag}@EXAMPLE`)).toEqual([bob.user.id]);
      expect(await ids(`${tag} Percent%`)).toEqual([ann.user.id]);
      expect(await ids(`${tag}%`)).toEqual([]);
      expect(await ids(`b_b_${tag}`)).toEqual([]);
      expect(await ids(`  ${tag} `)).toEqual([bob.user.id, ann.user.id]);
    });

    it('filters by role and status and pages through the rest', async () => {
      const admin = await newAdmin(t);
      const { tag, accounts } = await tagged(5);
      await t.sql("UPDATE users SET status = 'active' WHERE id IN (?, ?)", [
        accounts[0]?.user.id,
        accounts[1]?.user.id,
      ]);
      await t.sql("UPDATE users SET status = 'suspended' WHERE id = ?", [accounts[2]?.user.id]);
      await t.sql("UPDATE users SET role = 'admin', status = 'active' WHERE id = ?", [accounts[3]?.user.id]);
      const list = async (query: string) =>
        (await call(t, 'get', `/admin/users?q=${tag}&${query}`, admin.accessToken).expect(200)).body as {
          data: ListedUser[];
          meta: { total: number; totalPages: number; page: number; pageSize: number };
        };
      const idsOf = (body: { data: ListedUser[] }) => body.data.map((u) => u.id);
      const id = (i: number) => accounts[i]?.user.id;

      expect(idsOf(await list('status=active'))).toEqual([id(3), id(1), id(0)]);
      expect(idsOf(await list('status=active&role=client'))).toEqual([id(1), id(0)]);
      expect(idsOf(await list('status=suspended'))).toEqual([id(2)]);
      expect(idsOf(await list('status=pending'))).toEqual([id(4)]);
      expect(idsOf(await list('role=admin'))).toEqual([id(3)]);

      const page1 = await list('pageSize=2');
      const page3 = await list('pageSize=2&page=3');
      expect(page1.meta).toEqual({ page: 1, pageSize: 2, total: 5, totalPages: 3 });
      expect(idsOf(page1)).toEqual([id(4), id(3)]);
      expect(idsOf(page3)).toEqual([id(0)]);
      expect((await list('pageSize=2&page=4')).data).toEqual([]);

      const all = (await call(t, 'get', '/admin/users?role=admin&pageSize=100', admin.accessToken).expect(200)).body;
      expect(all.data.map((u: ListedUser) => u.email)).toContain('admin@hardhathosting.work');
    });
  });

  describe('GET /admin/users/:id', () => {
    it('shows the user with the user_analytics row and their numbers', async () => {
      const admin = await newAdmin(t);
      const client = await activeClient(t);
      await t.sql(
        `UPDATE user_analytics SET total_calls = 12, successful_calls = 8, failed_calls = 3, canceled_calls = 1,
                total_duration_seconds = 1234, total_cost = 0.46, last_call_date = '2026-11-20 08:30:00.000'
          WHERE user_id = ?`,
        [client.user.id],
      );
      const number = await insertNumber(t, { ownerId: client.user.id, friendlyName: 'Sales' });
      const res = await call(t, 'get', `/admin/users/${client.user.id}`, admin.accessToken).expect(200);
      expect(res.body).toEqual({
        ...client.user,
        analytics: {
          totalCalls: 12,
          successfulCalls: 8,
          failedCalls: 3,
          canceledCalls: 1,
          totalDurationSeconds: 1234,
          totalCost: 0.46,
          lastCallDate: '2026-11-20T08:30:00.000Z',
        },
        numbers: [
          expect.objectContaining({
            id: number.id,
            phoneNumber: number.phoneNumber,
            friendlyName: 'Sales',
            ownerId: client.user.id,
            status: 'assigned',
            assignedDate: expect.any(String),
          }),
        ],
      });
    });

    it('shows zeros for a user without an analytics row, and 404 for an unknown user', async () => {
      const admin = await newAdmin(t);
      const client = await signUp(t);
      await t.sql('DELETE FROM user_analytics WHERE user_id = ?', [client.user.id]);
      const res = await call(t, 'get', `/admin/users/${client.user.id}`, admin.accessToken).expect(200);
      expect(res.body.analytics).toEqual({
        totalCalls: 0,
        successfulCalls: 0,
        failedCalls: 0,
        canceledCalls: 0,
        totalDurationSeconds: 0,
        totalCost: 0,
        lastCallDate: null,
      });
      expect(res.body.numbers).toEqual([]);
      expectProblem(await call(t, 'get', '/admin/users/999999', admin.accessToken), 404, 'User not found');
    });
  });

  describe('PATCH /admin/users/:id', () => {
    it('approves a pending user, who may then create API keys', async () => {
      const admin = await newAdmin(t);
      const pending = await signUp(t);
      expectProblem(await call(t, 'post', '/api-keys', pending.accessToken, {}), 403, /awaiting approval/);

      const res = await call(t, 'patch', `/admin/users/${pending.user.id}`, admin.accessToken, {
        status: 'active',
      }).expect(200);
      expect(res.body).toEqual({ ...pending.user, status: 'active', totalCalls: 0, numbersCount: 0 });
      expect((await call(t, 'get', '/auth/me', pending.accessToken).expect(200)).body.status).toBe('active');
      await call(t, 'post', '/api-keys', pending.accessToken, {}).expect(201);

      const rows = await activityOf(t, 'user_status_changed', pending.user.id);
      expect(rows).toEqual([
        {
          user_id: admin.user.id,
          entity_type: 'user',
          entity_id: pending.user.id,
          details: { from: 'pending', to: 'active' },
        },
      ]);
    });

    it('suspends a user: their token is refused (403) at once, every session and refresh token ends, keys stop', async () => {
      const admin = await newAdmin(t);
      const client = await activeClient(t);
      const key = await apiKeyOf(t, client);
      const second = await logIn(t, client.user.email, client.password);
      await call(t, 'get', '/numbers', client.accessToken).expect(200);

      const res = await call(t, 'patch', `/admin/users/${client.user.id}`, admin.accessToken, {
        status: 'suspended',
      }).expect(200);
      expect(res.body.status).toBe('suspended');

      expectProblem(await call(t, 'get', '/numbers', client.accessToken), 403, /suspended/);
      expectProblem(await call(t, 'get', '/auth/me', second.accessToken), 403, /suspended/);
      expectProblem(await call(t, 'get', '/numbers', key), 403, /suspended/);
      const sessions = await t.sql<{ revoked_at: Date | null; revoked_reason: string | null }>(
        'SELECT revoked_at, revoked_reason FROM auth_sessions WHERE user_id = ?',
        [client.user.id],
      );
      expect(sessions).toHaveLength(2);
      expect(sessions.every((s) => s.revoked_at !== null && s.revoked_reason === 'suspended')).toBe(true);
      expectProblem(await t.http().post('/api/v1/auth/refresh').send({ refreshToken: client.refreshToken }), 401);
      expectProblem(
        await t.http().post('/api/v1/auth/login').send({ email: client.user.email, password: client.password }),
        403,
        /suspended/,
      );
      expect(await activityOf(t, 'user_status_changed', client.user.id)).toEqual([
        expect.objectContaining({ user_id: admin.user.id, details: { from: 'active', to: 'suspended' } }),
      ]);

      // Reactivated: the ended sessions stay ended (401), a new sign-in works, and so does the key.
      await call(t, 'patch', `/admin/users/${client.user.id}`, admin.accessToken, { status: 'active' }).expect(200);
      expectProblem(await call(t, 'get', '/numbers', client.accessToken), 401);
      const again = await logIn(t, client.user.email, client.password);
      await call(t, 'get', '/numbers', again.accessToken).expect(200);
      await call(t, 'get', '/numbers', key).expect(200);
      expect((await activityOf(t, 'user_status_changed', client.user.id)).map((r) => r.details)).toEqual([
        { from: 'active', to: 'suspended' },
        { from: 'suspended', to: 'active' },
      ]);
    });

    it('suspends a pending user too, and refuses to put anyone back to pending', async () => {
      const admin = await newAdmin(t);
      const pending = await signUp(t);
      await call(t, 'patch', `/admin/users/${pending.user.id}`, admin.accessToken, { status: 'pending' }).expect(200);
      await call(t, 'patch', `/admin/users/${pending.user.id}`, admin.accessToken, { status: 'suspended' }).expect(200);
      expectProblem(
        await call(t, 'patch', `/admin/users/${pending.user.id}`, admin.accessToken, { status: 'pending' }),
        409,
        /cannot go back to pending/,
      );
      const [row] = await t.sql<{ status: string }>('SELECT status FROM users WHERE id = ?', [pending.user.id]);
      expect(row?.status).toBe('suspended');
    });

    it('changes roles: a promoted client reaches the admin API on the next request, a demoted admin no longer', async () => {
      const admin = await newAdmin(t);
      const client = await activeClient(t);
      expectProblem(await call(t, 'get', '/admin/users', client.accessToken), 403);

      const promoted = await call(t, 'patch', `/admin/users/${client.user.id}`, admin.accessToken, {
        role: 'admin',
      }).expect(200);
      expect(promoted.body.role).toBe('admin');
      await call(t, 'get', '/admin/users', client.accessToken).expect(200);
      expect((await call(t, 'get', '/auth/me', client.accessToken).expect(200)).body.role).toBe('admin');

      await call(t, 'patch', `/admin/users/${client.user.id}`, admin.accessToken, { role: 'client' }).expect(200);
      expectProblem(await call(t, 'get', '/admin/users', client.accessToken), 403);
      // A role change does not sign the user out.
      await call(t, 'get', '/numbers', client.accessToken).expect(200);

      expect(await activityOf(t, 'user_role_changed', client.user.id)).toEqual([
        expect.objectContaining({
          user_id: admin.user.id,
          entity_type: 'user',
          details: { from: 'client', to: 'admin' },
        }),
        expect.objectContaining({
          user_id: admin.user.id,
          entity_type: 'user',
          details: { from: 'admin', to: 'client' },
        }),
      ]);
    });

    it('renames (trimmed), and changes several things at once with one activity row each', async () => {
      const admin = await newAdmin(t);
      const pending = await signUp(t);
      const res = await call(t, 'patch', `/admin/users/${pending.user.id}`, admin.accessToken, {
        name: '  Grace Hopper  ',
        status: 'active',
        role: 'admin',
      }).expect(200);
      expect(res.body).toMatchObject({ name: 'Grace Hopper', status: 'active', role: 'admin' });
      expect(await activityOf(t, 'user_updated', pending.user.id)).toEqual([
        expect.objectContaining({ details: { field: 'name', from: pending.user.name, to: 'Grace Hopper' } }),
      ]);
      expect(await activityOf(t, 'user_role_changed', pending.user.id)).toHaveLength(1);
      expect(await activityOf(t, 'user_status_changed', pending.user.id)).toHaveLength(1);

      // Sending what is already there changes nothing and writes nothing.
      await call(t, 'patch', `/admin/users/${pending.user.id}`, admin.accessToken, {
        name: 'Grace Hopper',
        status: 'active',
      }).expect(200);
      expect(await activityOf(t, 'user_updated', pending.user.id)).toHaveLength(1);
      expect(await activityOf(t, 'user_status_changed', pending.user.id)).toHaveLength(1);
    });

    it.each([
      [{}, undefined, /at least one of role, status, name/],
      [{ role: 'owner' }, 'role', undefined],
      [{ role: null }, 'role', undefined],
      [{ status: 'banned' }, 'status', undefined],
      [{ status: null }, 'status', undefined],
      [{ name: 'A' }, 'name', undefined],
      [{ name: '   ' }, 'name', undefined],
      [{ name: 'x'.repeat(101) }, 'name', undefined],
      [{ name: 42 }, 'name', undefined],
      [{ name: null }, 'name', undefined],
      [{ email: 'new@example.com' }, 'email', undefined],
      [{ password: 'Secret-Passw0rd' }, 'password', undefined],
    ])('refuses %j with 400', async (body, field, detail) => {
      const admin = await newAdmin(t);
      const client = await signUp(t);
      const res = await call(t, 'patch', `/admin/users/${client.user.id}`, admin.accessToken, body);
      expectProblem(res, 400, detail);
      if (field) expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      const [row] = await t.sql<{ name: string; status: string; role: string }>(
        'SELECT name, status, role FROM users WHERE id = ?',
        [client.user.id],
      );
      expect(row).toEqual({ name: client.user.name, status: 'pending', role: 'client' });
    });

    it('uses the credential to know who acts: an admin key suspends, and is logged as its owner', async () => {
      const admin = await newAdmin(t);
      const key = await apiKeyOf(t, admin);
      const client = await activeClient(t);
      await t
        .http()
        .patch(`/api/v1/admin/users/${client.user.id}`)
        .set('X-API-Key', key)
        .set('User-Agent', 'ops-script/1.0')
        .send({ status: 'suspended' })
        .expect(200);
      const [row] = await t.sql<{ user_id: number; user_agent: string; ip_address: string }>(
        "SELECT user_id, user_agent, ip_address FROM activity_logs WHERE action = 'user_status_changed' AND entity_id = ?",
        [client.user.id],
      );
      expect(row).toMatchObject({
        user_id: admin.user.id,
        user_agent: 'ops-script/1.0',
        ip_address: expect.any(String),
      });
      expectProblem(await t.http().get('/api/v1/numbers').set(bearer(client.accessToken)), 403);
    });
  });
});
