import type { ActivityLog, AdminActivityLog, AdminCall, Call } from '@hh/contracts';
import { activeClient, signUp } from '../support/accounts';
import { caller, freshNumber, insertCall } from '../support/calls';
import { ActivityService } from '../../src/app/activity/activity.service';
import { expectProblem } from '../support/http';
import { listen, SseClient } from '../support/sse';
import { startTestApp, TestApp } from '../support/test-app';
import { call, insertNumber, newAdmin } from './admin-support';

const DAY = 24 * 3600 * 1000;

/** GET /admin/calls (every user's calls, the filters of GET /calls plus userId) and GET /admin/activity. */
describe('admin API: calls and activity', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback', CALL_ENGINE: 'off' });
  });
  afterAll(() => t.close());

  describe('GET /admin/calls', () => {
    it("lists every user's calls, newest first, and one user's with userId", async () => {
      const admin = await newAdmin(t);
      const ann = await caller(t);
      const bob = await caller(t);
      const base = Date.now() - 10 * DAY;
      const a1 = await insertCall(t, { userId: ann.user.id, fromNumber: ann.number, startTime: new Date(base) });
      const b1 = await insertCall(t, {
        userId: bob.user.id,
        fromNumber: bob.number,
        status: 'failed',
        toNumber: '+15005550001',
        startTime: new Date(base + DAY),
      });
      const a2 = await insertCall(t, {
        userId: ann.user.id,
        fromNumber: ann.number,
        durationSeconds: 300,
        startTime: new Date(base + 2 * DAY),
      });
      const ours = [a1.id, b1.id, a2.id];
      const ids = async (query: string) =>
        (
          (await call(t, 'get', `/admin/calls?pageSize=100&${query}`, admin.accessToken).expect(200)).body
            .data as Call[]
        )
          .map((c) => c.id)
          .filter((id) => ours.includes(id));

      expect(await ids('')).toEqual([a2.id, b1.id, a1.id]);
      expect(await ids(`userId=${ann.user.id}`)).toEqual([a2.id, a1.id]);
      expect(await ids(`userId=${bob.user.id}`)).toEqual([b1.id]);
      expect(await ids(`userId=${ann.user.id}&sort=startTime`)).toEqual([a1.id, a2.id]);
      expect(await ids('status=failed')).toEqual([b1.id]);
      expect(await ids('q=5005550001')).toEqual([b1.id]);
      expect(await ids(`sort=-durationSeconds&userId=${ann.user.id}`)).toEqual([a2.id, a1.id]);
      const day = new Date(base + DAY).toISOString().slice(0, 10);
      expect(await ids(`from=${day}&to=${day}`)).toEqual([b1.id]);
      expect(await ids('userId=999999')).toEqual([]);

      const one = await call(t, 'get', `/admin/calls?userId=${ann.user.id}&pageSize=1&page=2`, admin.accessToken);
      expect(one.body.meta).toEqual({ page: 2, pageSize: 1, total: 2, totalPages: 2 });
      expect(one.body.data[0]).toMatchObject({
        id: a1.id,
        userId: ann.user.id,
        fromNumber: ann.number,
        status: 'completed',
      });

      // Each call names its caller, from the same query (no per-user look-ups in the console).
      const named = await call(t, 'get', '/admin/calls?pageSize=100', admin.accessToken).expect(200);
      const byId = new Map((named.body.data as AdminCall[]).map((c) => [c.id, c]));
      expect(byId.get(a1.id)?.user).toEqual({ id: ann.user.id, name: ann.user.name, email: ann.user.email });
      expect(byId.get(b1.id)?.user).toEqual({ id: bob.user.id, name: bob.user.name, email: bob.user.email });
      expect(named.body.meta.total).toBe(named.body.data.length);

      // GET /calls stays personal, for admins too.
      const own = await call(t, 'get', '/calls', admin.accessToken).expect(200);
      expect(own.body.data).toEqual([]);
    });
  });

  describe('GET /admin/activity', () => {
    it('filters by user, action, entity type and dates, newest first, in pages, details as objects', async () => {
      const admin = await newAdmin(t);
      const actor = await activeClient(t);
      const at = (days: number) => new Date(Date.UTC(2031, 0, 10) + days * DAY);
      const insert = (action: string, entityType: string | null, when: Date, details: object | null) =>
        t.sql(
          `INSERT INTO activity_logs (user_id, action, entity_type, entity_id, details, ip_address, user_agent, created_at)
           VALUES (?, ?, ?, 7, ?, '203.0.113.9', 'spec', ?)`,
          [actor.user.id, action, entityType, details ? JSON.stringify(details) : null, when],
        );
      await insert('login', 'session', at(0), { via: 'password' });
      await insert('call_initiated', 'call', at(1), { toNumber: '+15005550004' });
      await insert('call_ended', 'call', at(2), { status: 'completed', durationSeconds: 30 });
      await insert('logout', 'session', at(3), null);
      const list = async (query: string) =>
        (await call(t, 'get', `/admin/activity?userId=${actor.user.id}&${query}`, admin.accessToken).expect(200))
          .body as { data: ActivityLog[]; meta: { total: number } };
      const actions = async (query: string) => (await list(query)).data.map((row) => row.action);

      expect(await actions('')).toEqual([
        'logout',
        'call_ended',
        'call_initiated',
        'login',
        'email_verification_sent',
        'signup',
      ]);
      expect(await actions('action=call_ended')).toEqual(['call_ended']);
      expect(await actions('entityType=call')).toEqual(['call_ended', 'call_initiated']);
      expect(await actions('from=2031-01-11&to=2031-01-12')).toEqual(['call_ended', 'call_initiated']);
      expect(await actions('from=2031-01-11T00:00:00.001Z')).toEqual(['logout', 'call_ended']);
      expect(await actions('to=2031-01-10')).toEqual(['login', 'email_verification_sent', 'signup']);
      expect(await actions('entityType=call&action=login')).toEqual([]);

      const page = await list('pageSize=2&page=2');
      expect(page.meta).toEqual({ page: 2, pageSize: 2, total: 6, totalPages: 3 });
      expect(page.data.map((row) => row.action)).toEqual(['call_initiated', 'login']);
      expect(page.data[0]).toEqual({
        id: expect.any(Number),
        userId: actor.user.id,
        action: 'call_initiated',
        entityType: 'call',
        entityId: 7,
        details: { toNumber: '+15005550004' },
        ipAddress: '203.0.113.9',
        userAgent: 'spec',
        createdAt: '2031-01-11T00:00:00.000Z',
        user: { id: actor.user.id, name: actor.user.name, email: actor.user.email },
        entityUser: null,
      });

      const everyone = await call(t, 'get', '/admin/activity?action=signup&pageSize=100', admin.accessToken).expect(
        200,
      );
      expect(everyone.body.data.map((row: ActivityLog) => row.userId)).toEqual(
        expect.arrayContaining([admin.user.id, actor.user.id]),
      );
    });

    it('records every admin action, with who, from where and what changed', async () => {
      const admin = await newAdmin(t);
      const client = await activeClient(t);
      const pending = await signUp(t);
      const as = (method: 'post' | 'patch' | 'delete', path: string, body?: object) =>
        call(t, method, path, admin.accessToken, body).set('User-Agent', 'admin-console/2.0');

      await as('patch', `/admin/users/${pending.user.id}`, {
        status: 'active',
        role: 'admin',
        name: 'Promoted Person',
      }).expect(200);
      const created = await as('post', '/admin/numbers', { phoneNumber: freshNumber() }).expect(201);
      await call(t, 'post', '/admin/numbers/import', admin.accessToken)
        .set('User-Agent', 'admin-console/2.0')
        .set('Content-Type', 'text/csv')
        .send(`phoneNumber\n${freshNumber()}\n`)
        .expect(200);
      await as('patch', `/admin/numbers/${created.body.id}`, { friendlyName: 'Desk' }).expect(200);
      await as('patch', `/admin/numbers/${created.body.id}`, { ownerId: client.user.id }).expect(200);
      await as('patch', `/admin/numbers/${created.body.id}`, { ownerId: null }).expect(200);
      await as('delete', `/admin/numbers/${created.body.id}`).expect(204);
      const spare = await insertNumber(t);
      const first = await call(t, 'post', '/number-requests', client.accessToken, { numberType: 'local' }).expect(201);
      const second = await call(t, 'post', '/number-requests', client.accessToken, { numberType: 'local' }).expect(201);
      await as('post', `/admin/number-requests/${first.body.id}/approve`, { numberId: spare.id }).expect(200);
      await as('post', `/admin/number-requests/${second.body.id}/deny`, { adminNotes: 'One is enough' }).expect(200);

      const res = await call(
        t,
        'get',
        `/admin/activity?userId=${admin.user.id}&pageSize=100`,
        admin.accessToken,
      ).expect(200);
      const rows = (res.body.data as AdminActivityLog[])
        .filter((row) => row.action !== 'signup' && row.action !== 'email_verification_sent')
        .reverse();
      expect(rows.map((row) => row.action)).toEqual([
        'user_role_changed',
        'user_status_changed',
        'user_updated',
        'number_created',
        'numbers_imported',
        'number_updated',
        'number_assigned',
        'number_released',
        'number_deleted',
        'request_approved',
        'number_assigned',
        'request_fulfilled',
        'request_denied',
      ]);
      for (const row of rows) {
        expect(row).toMatchObject({
          userId: admin.user.id,
          userAgent: 'admin-console/2.0',
          ipAddress: expect.any(String),
        });
        expect(row.details).toEqual(expect.any(Object));
      }
      expect(rows[0]).toMatchObject({
        entityType: 'user',
        entityId: pending.user.id,
        details: { from: 'client', to: 'admin' },
        // Who acted and whom it was about, named in the row.
        user: { id: admin.user.id, name: admin.user.name, email: admin.user.email },
        entityUser: { id: pending.user.id, name: 'Promoted Person', email: pending.user.email },
      });
      for (const row of rows.filter((r) => r.entityType !== 'user')) expect(row.entityUser).toBeNull();
      expect(rows.find((row) => row.action === 'number_updated')?.details).toEqual({
        phoneNumber: created.body.phoneNumber,
        friendlyName: 'Desk',
      });
      expect(rows.find((row) => row.action === 'numbers_imported')?.details).toEqual({
        created: 1,
        skipped: 0,
        errors: 0,
      });

      // The client sees none of it.
      expectProblem(await call(t, 'get', '/admin/activity', client.accessToken), 403);
    });
  });

  describe('live activity.created', () => {
    it('names the users of each entry as GET /admin/activity does, so the live feed looks nobody up', async () => {
      const admin = await newAdmin(t);
      const pending = await signUp(t);
      const stream = await SseClient.open(await listen(t), admin.accessToken);
      try {
        await call(t, 'patch', `/admin/users/${pending.user.id}`, admin.accessToken, { status: 'active' }).expect(200);
        await t.app.get(ActivityService).record({ action: 'user_updated', userId: null, details: { by: 'system' } });
        await stream.until(
          (events) => events.filter((e) => e.event === 'activity.created').length >= 2,
          5000,
          'the status change and the system entry',
        );
        const [changed, system] = stream.events
          .filter((e) => e.event === 'activity.created')
          .map((e) => e.data as AdminActivityLog);
        expect(changed).toMatchObject({
          action: 'user_status_changed',
          userId: admin.user.id,
          user: { id: admin.user.id, name: admin.user.name, email: admin.user.email },
          entityType: 'user',
          entityId: pending.user.id,
          entityUser: { id: pending.user.id, name: pending.user.name, email: pending.user.email },
        });
        expect(system).toMatchObject({ action: 'user_updated', userId: null, user: null, entityUser: null });
      } finally {
        stream.close();
      }
    });
  });
});
