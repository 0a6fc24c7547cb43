import type { Subscription } from 'rxjs';
import type { NumberRequest, PhoneNumber } from '@hh/contracts';
import { RealtimeBus, RealtimeEvent } from '../../src/app/realtime/realtime-bus';
import { activeClient, signUp, SignedUp } from '../support/accounts';
import { eventually } from '../support/calls';
import { expectProblem } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { activityOf, call, insertNumber, newAdmin } from './admin-support';

interface AdminRequest extends NumberRequest {
  user: { id: number; name: string; email: string };
}

/** The admins' side of number requests: the queue, approve (with a number or a match), fulfil, deny. */
describe('admin API: number requests', () => {
  let t: TestApp;
  let events: RealtimeEvent[];
  let subscription: Subscription;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
    events = [];
    subscription = t.app.get(RealtimeBus).events$.subscribe((event) => events.push(event));
  });
  afterAll(async () => {
    subscription.unsubscribe();
    await t.close();
  });

  async function request(client: SignedUp, body: Record<string, unknown> = { numberType: 'local' }) {
    return (await call(t, 'post', '/number-requests', client.accessToken, body).expect(201)).body as NumberRequest;
  }

  /** What the requesters were told (the bus also carries activity.created for admins). */
  const updates = () => events.filter((event) => event.event === 'number-request.updated');

  const requestRow = async (id: number) =>
    (
      await t.sql<{ status: string; assigned_number_id: number | null; admin_notes: string | null }>(
        'SELECT status, assigned_number_id, admin_notes FROM number_requests WHERE id = ?',
        [id],
      )
    )[0];

  /** Takes every available number off the shelf, so a test controls what a match can find. */
  const emptyShelf = () => t.sql("UPDATE phone_numbers SET status = 'suspended' WHERE status = 'available'");

  describe('GET /admin/number-requests', () => {
    it('lists pending requests first, then the newest, with who asked; filters by status; pages', async () => {
      const admin = await newAdmin(t);
      const ann = await activeClient(t);
      const bob = await signUp(t);
      const older = await request(ann, { numberType: 'mobile', areaCode: '212' });
      const denied = await request(bob);
      const newer = await request(bob, { numberType: 'toll_free' });
      await t.sql('UPDATE number_requests SET created_at = UTC_TIMESTAMP(3) - INTERVAL 1 DAY WHERE id = ?', [older.id]);
      await call(t, 'post', `/admin/number-requests/${denied.id}/deny`, admin.accessToken, { adminNotes: 'No' }).expect(
        200,
      );

      const res = await call(t, 'get', '/admin/number-requests?pageSize=100', admin.accessToken).expect(200);
      const rows = res.body.data as AdminRequest[];
      const ours = rows.filter((r) => [older.id, denied.id, newer.id].includes(r.id)).map((r) => r.id);
      expect(ours).toEqual([newer.id, older.id, denied.id]);
      const firstDone = rows.findIndex((r) => r.status !== 'pending');
      expect(rows.slice(firstDone).every((r) => r.status !== 'pending')).toBe(true);
      expect(rows.find((r) => r.id === older.id)).toEqual({
        ...older,
        createdAt: expect.any(String),
        user: { id: ann.user.id, name: ann.user.name, email: ann.user.email },
      });

      const deniedOnly = await call(t, 'get', '/admin/number-requests?status=denied', admin.accessToken).expect(200);
      expect(deniedOnly.body.data.map((r: AdminRequest) => r.id)).toContain(denied.id);
      expect(deniedOnly.body.data.every((r: AdminRequest) => r.status === 'denied')).toBe(true);

      const page = await call(t, 'get', '/admin/number-requests?pageSize=1&page=2', admin.accessToken).expect(200);
      expect(page.body.meta).toMatchObject({ page: 2, pageSize: 1, total: res.body.meta.total });
      expect(page.body.data).toHaveLength(1);
    });
  });

  describe('POST /admin/number-requests/:id/approve', () => {
    it('assigns the number given: the request is fulfilled, the client sees it and is told at once', async () => {
      const admin = await newAdmin(t);
      const client = await activeClient(t);
      const asked = await request(client, { numberType: 'local', areaCode: '909', reason: 'New branch' });
      const number = await insertNumber(t);
      events.length = 0;

      const res = await call(t, 'post', `/admin/number-requests/${asked.id}/approve`, admin.accessToken, {
        numberId: number.id,
        adminNotes: '  Welcome aboard ',
      }).expect(200);
      expect(res.body).toEqual({
        ...asked,
        status: 'fulfilled',
        assignedNumberId: number.id,
        adminNotes: 'Welcome aboard',
        processedAt: expect.any(String),
        user: { id: client.user.id, name: client.user.name, email: client.user.email },
      });

      const mine = await call(t, 'get', '/number-requests', client.accessToken).expect(200);
      expect(mine.body.data[0]).toMatchObject({ id: asked.id, status: 'fulfilled', assignedNumberId: number.id });
      const numbers = await call(t, 'get', '/numbers', client.accessToken).expect(200);
      expect(numbers.body.data).toEqual([
        expect.objectContaining({
          id: number.id,
          phoneNumber: number.phoneNumber,
          ownerId: client.user.id,
          status: 'assigned',
        }),
      ]);

      await eventually(async () => updates().length > 0, 2000, 'the live update');
      expect(updates()).toEqual([
        {
          event: 'number-request.updated',
          data: {
            ...asked,
            status: 'fulfilled',
            assignedNumberId: number.id,
            adminNotes: 'Welcome aboard',
            processedAt: expect.any(String),
          },
          audience: { userId: client.user.id },
        },
      ]);

      expect((await activityOf(t, 'request_approved', asked.id)).map((r) => r.user_id)).toEqual([admin.user.id]);
      expect(await activityOf(t, 'request_fulfilled', asked.id)).toEqual([
        expect.objectContaining({
          user_id: admin.user.id,
          entity_type: 'number_request',
          details: { requesterId: client.user.id, numberId: number.id, phoneNumber: number.phoneNumber },
        }),
      ]);
      expect(await activityOf(t, 'number_assigned', number.id)).toEqual([
        expect.objectContaining({
          user_id: admin.user.id,
          details: { phoneNumber: number.phoneNumber, ownerId: client.user.id, requestId: asked.id },
        }),
      ]);
    });

    it('picks the best match: area code and type, then area code, then type; none left means approved', async () => {
      const admin = await newAdmin(t);
      const client = await activeClient(t);
      await emptyShelf();
      const typeOnly = await insertNumber(t, { phoneNumber: '+12125550301', numberType: 'mobile' });
      const areaOnly = await insertNumber(t, { phoneNumber: '+15055550302', numberType: 'local' });
      const both = await insertNumber(t, { phoneNumber: '+15055550303', numberType: 'mobile' });
      await insertNumber(t, { phoneNumber: '+12125550304', numberType: 'toll_free' }); // matches nothing
      const ask = () => request(client, { numberType: 'mobile', areaCode: '505' });
      const approve = async (id: number) =>
        (await call(t, 'post', `/admin/number-requests/${id}/approve`, admin.accessToken, {}).expect(200))
          .body as AdminRequest;
      const suggest = async (id: number) =>
        (await call(t, 'get', `/admin/number-requests/${id}/suggestion`, admin.accessToken).expect(200))
          .body as PhoneNumber | null;

      const first = await ask();
      expect((await suggest(first.id))?.id).toBe(both.id);
      expect(await approve(first.id)).toMatchObject({ status: 'fulfilled', assignedNumberId: both.id });

      const second = await ask();
      expect((await suggest(second.id))?.id).toBe(areaOnly.id);
      expect(await approve(second.id)).toMatchObject({ status: 'fulfilled', assignedNumberId: areaOnly.id });

      const third = await ask();
      expect((await suggest(third.id))?.id).toBe(typeOnly.id);
      expect(await approve(third.id)).toMatchObject({ status: 'fulfilled', assignedNumberId: typeOnly.id });

      const fourth = await ask();
      expect(await suggest(fourth.id)).toBeNull();
      const waiting = await approve(fourth.id);
      expect(waiting).toMatchObject({ status: 'approved', assignedNumberId: null, processedAt: expect.any(String) });
      expect(await activityOf(t, 'request_fulfilled', fourth.id)).toEqual([]);
      expect(await activityOf(t, 'request_approved', fourth.id)).toHaveLength(1);

      // Without an area code only the type counts.
      const tollFree = await request(client, { numberType: 'toll_free' });
      expect((await suggest(tollFree.id))?.phoneNumber).toBe('+12125550304');

      const numbers = await call(t, 'get', '/numbers', client.accessToken).expect(200);
      expect(numbers.body.data.map((n: PhoneNumber) => n.id).sort()).toEqual(
        [both.id, areaOnly.id, typeOnly.id].sort(),
      );
    });

    it('leaves an approved request waiting until fulfil assigns a number', async () => {
      const admin = await newAdmin(t);
      const client = await activeClient(t);
      await emptyShelf();
      const asked = await request(client, { numberType: 'toll_free', areaCode: '800' });
      await call(t, 'post', `/admin/number-requests/${asked.id}/approve`, admin.accessToken, {}).expect(200);
      expect(await requestRow(asked.id)).toMatchObject({ status: 'approved', assigned_number_id: null });
      expect((await call(t, 'get', '/number-requests', client.accessToken).expect(200)).body.data[0].status).toBe(
        'approved',
      );

      const number = await insertNumber(t, { phoneNumber: '+18005550311', numberType: 'toll_free' });
      events.length = 0;
      const res = await call(t, 'post', `/admin/number-requests/${asked.id}/fulfill`, admin.accessToken, {
        numberId: number.id,
        adminNotes: 'A toll-free number came in',
      }).expect(200);
      expect(res.body).toMatchObject({
        status: 'fulfilled',
        assignedNumberId: number.id,
        adminNotes: 'A toll-free number came in',
      });
      expect((await call(t, 'get', '/numbers', client.accessToken).expect(200)).body.data[0].id).toBe(number.id);
      await eventually(async () => updates().length > 0, 2000, 'the live update');
      expect(updates()[0]).toMatchObject({
        event: 'number-request.updated',
        data: { id: asked.id, status: 'fulfilled' },
        audience: { userId: client.user.id },
      });
      expect(await activityOf(t, 'request_fulfilled', asked.id)).toHaveLength(1);

      // Fulfilled is final: neither fulfil, approve nor deny again.
      const other = await insertNumber(t);
      for (const [path, body] of [
        ['fulfill', { numberId: other.id }],
        ['approve', {}],
        ['deny', { adminNotes: 'Too late' }],
      ] as const) {
        expectProblem(
          await call(t, 'post', `/admin/number-requests/${asked.id}/${path}`, admin.accessToken, body),
          409,
          /The request is fulfilled; only/,
        );
      }
    });

    it('approves only pending requests and fulfils only approved ones (409)', async () => {
      const admin = await newAdmin(t);
      const client = await activeClient(t);
      const pendingRequest = await request(client);
      const number = await insertNumber(t);
      expectProblem(
        await call(t, 'post', `/admin/number-requests/${pendingRequest.id}/fulfill`, admin.accessToken, {
          numberId: number.id,
        }),
        409,
        'The request is pending; only approved requests can be fulfilled',
      );
      await call(t, 'post', `/admin/number-requests/${pendingRequest.id}/approve`, admin.accessToken, {
        numberId: number.id,
      }).expect(200);
      expectProblem(
        await call(t, 'post', `/admin/number-requests/${pendingRequest.id}/approve`, admin.accessToken, {}),
        409,
        'The request is fulfilled; only pending requests can be approved',
      );
    });

    it('never gives a number twice: another request cannot get an assigned number, and nothing changes', async () => {
      const admin = await newAdmin(t);
      const first = await activeClient(t);
      const second = await activeClient(t);
      const number = await insertNumber(t);
      const mine = await request(first);
      const theirs = await request(second);
      await call(t, 'post', `/admin/number-requests/${mine.id}/approve`, admin.accessToken, {
        numberId: number.id,
      }).expect(200);

      expectProblem(
        await call(t, 'post', `/admin/number-requests/${theirs.id}/approve`, admin.accessToken, {
          numberId: number.id,
        }),
        409,
        new RegExp(`already assigned to user ${first.user.id}`),
      );
      expect(await requestRow(theirs.id)).toEqual({ status: 'pending', assigned_number_id: null, admin_notes: null });
      expect(await activityOf(t, 'request_approved', theirs.id)).toEqual([]);
      const [row] = await t.sql<{ owner_id: number }>('SELECT owner_id FROM phone_numbers WHERE id = ?', [number.id]);
      expect(row?.owner_id).toBe(first.user.id);
    });

    it('refuses numbers that are not available (409) or do not exist (404), and a requester who is not active (409)', async () => {
      const admin = await newAdmin(t);
      const client = await activeClient(t);
      const asked = await request(client);
      const suspendedNumber = await insertNumber(t, { status: 'suspended' });
      expectProblem(
        await call(t, 'post', `/admin/number-requests/${asked.id}/approve`, admin.accessToken, {
          numberId: suspendedNumber.id,
        }),
        409,
        /is suspended, not available/,
      );
      expectProblem(
        await call(t, 'post', `/admin/number-requests/${asked.id}/approve`, admin.accessToken, { numberId: 999999 }),
        404,
        'Phone number 999999 not found',
      );

      const pending = await signUp(t);
      const pendingAsked = await request(pending);
      const free = await insertNumber(t);
      expectProblem(
        await call(t, 'post', `/admin/number-requests/${pendingAsked.id}/approve`, admin.accessToken, {
          numberId: free.id,
        }),
        409,
        /still pending; approve the account/,
      );
      // Everything rolled back: the request still pending, the number still in stock, no activity.
      expect(await requestRow(pendingAsked.id)).toMatchObject({ status: 'pending' });
      const [row] = await t.sql<{ status: string; owner_id: number | null }>(
        'SELECT status, owner_id FROM phone_numbers WHERE id = ?',
        [free.id],
      );
      expect(row).toEqual({ status: 'available', owner_id: null });
      expect(await activityOf(t, 'request_approved', pendingAsked.id)).toEqual([]);
      expect(await requestRow(asked.id)).toMatchObject({ status: 'pending' });
    });

    it('gives one number to one of two requests approved at the same moment', async () => {
      const admin = await newAdmin(t);
      const other = await newAdmin(t);
      const a = await activeClient(t);
      const b = await activeClient(t);
      const number = await insertNumber(t);
      const ra = await request(a);
      const rb = await request(b);
      const results = await Promise.all([
        call(t, 'post', `/admin/number-requests/${ra.id}/approve`, admin.accessToken, { numberId: number.id }).then(
          (r) => r,
        ),
        call(t, 'post', `/admin/number-requests/${rb.id}/approve`, other.accessToken, { numberId: number.id }).then(
          (r) => r,
        ),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const statuses = [(await requestRow(ra.id))?.status, (await requestRow(rb.id))?.status].sort();
      expect(statuses).toEqual(['fulfilled', 'pending']);
    });

    it('lets concurrent matches share out the stock: each number to one request, the rest wait approved', async () => {
      const admins = [await newAdmin(t), await newAdmin(t), await newAdmin(t)];
      const client = await activeClient(t);
      await emptyShelf();
      const stock = [
        await insertNumber(t, { phoneNumber: '+13035550321', numberType: 'mobile' }),
        await insertNumber(t, { phoneNumber: '+13035550322', numberType: 'mobile' }),
      ];
      const asks = [
        await request(client, { numberType: 'mobile', areaCode: '303' }),
        await request(client, { numberType: 'mobile', areaCode: '303' }),
        await request(client, { numberType: 'mobile', areaCode: '303' }),
      ];
      const results = await Promise.all(
        asks.map((ask, i) =>
          call(t, 'post', `/admin/number-requests/${ask.id}/approve`, admins[i]?.accessToken, {}).then((r) => r),
        ),
      );
      expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
      const outcomes = results.map((r) => r.body as AdminRequest);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2);
      expect(outcomes.filter((o) => o.status === 'approved')).toHaveLength(1);
      expect(
        outcomes
          .map((o) => o.assignedNumberId)
          .filter(Boolean)
          .sort(),
      ).toEqual(stock.map((s) => s.id).sort());
    });
  });

  describe('POST /admin/number-requests/:id/deny', () => {
    it('needs notes (1–2000 characters) and tells the client why', async () => {
      const admin = await newAdmin(t);
      const client = await activeClient(t);
      const asked = await request(client);
      for (const body of [
        {},
        { adminNotes: '' },
        { adminNotes: '   ' },
        { adminNotes: null },
        { adminNotes: 'x'.repeat(2001) },
      ]) {
        const res = await call(t, 'post', `/admin/number-requests/${asked.id}/deny`, admin.accessToken, body);
        expectProblem(res, 400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['adminNotes']);
      }
      expect(await requestRow(asked.id)).toMatchObject({ status: 'pending' });

      events.length = 0;
      const res = await call(t, 'post', `/admin/number-requests/${asked.id}/deny`, admin.accessToken, {
        adminNotes: 'We have no numbers in that area yet',
      }).expect(200);
      expect(res.body).toMatchObject({
        status: 'denied',
        adminNotes: 'We have no numbers in that area yet',
        assignedNumberId: null,
        processedAt: expect.any(String),
      });
      const mine = await call(t, 'get', '/number-requests', client.accessToken).expect(200);
      expect(mine.body.data[0]).toMatchObject({ status: 'denied', adminNotes: 'We have no numbers in that area yet' });
      await eventually(async () => updates().length > 0, 2000, 'the live update');
      expect(updates()[0]).toMatchObject({
        data: { id: asked.id, status: 'denied' },
        audience: { userId: client.user.id },
      });
      expect(await activityOf(t, 'request_denied', asked.id)).toEqual([
        expect.objectContaining({ user_id: admin.user.id, details: { requesterId: client.user.id } }),
      ]);

      expectProblem(
        await call(t, 'post', `/admin/number-requests/${asked.id}/deny`, admin.accessToken, { adminNotes: 'Again' }),
        409,
      );
      expectProblem(await call(t, 'post', `/admin/number-requests/${asked.id}/approve`, admin.accessToken, {}), 409);
      expect(
        await call(t, 'get', `/admin/number-requests/${asked.id}/suggestion`, admin.accessToken).expect(200),
      ).toMatchObject({ body: null });
    });

    it('denies an approved request that is still waiting', async () => {
      const admin = await newAdmin(t);
      const client = await activeClient(t);
      await emptyShelf();
      const asked = await request(client, { numberType: 'mobile' });
      await call(t, 'post', `/admin/number-requests/${asked.id}/approve`, admin.accessToken, {}).expect(200);
      await call(t, 'post', `/admin/number-requests/${asked.id}/deny`, admin.accessToken, {
        adminNotes: 'Cancelled after a call with the customer',
      }).expect(200);
      expect(await requestRow(asked.id)).toMatchObject({ status: 'denied' });
    });
  });

  it.each([
    ['approve', { numberId: 'seven' }, 'numberId'],
    ['approve', { numberId: 0 }, 'numberId'],
    ['approve', { numberId: 1.5 }, 'numberId'],
    ['approve', { adminNotes: '' }, 'adminNotes'],
    ['approve', { adminNotes: 'x'.repeat(2001) }, 'adminNotes'],
    ['approve', { status: 'fulfilled' }, 'status'],
    ['fulfill', {}, 'numberId'],
    ['fulfill', { numberId: null }, 'numberId'],
    ['fulfill', { numberId: '7' }, 'numberId'],
    ['deny', { adminNotes: 42 }, 'adminNotes'],
  ])('refuses %s with %j (400 naming %s)', async (action, body, field) => {
    const admin = await newAdmin(t);
    const client = await activeClient(t);
    const asked = await request(client);
    const res = await call(t, 'post', `/admin/number-requests/${asked.id}/${action}`, admin.accessToken, body);
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await requestRow(asked.id)).toMatchObject({ status: 'pending' });
  });
});
