import type { AdminPhoneNumber, PhoneNumber } from '@hh/contracts';
import { activeClient, signUp } from '../support/accounts';
import { freshNumber } from '../support/calls';
import { expectProblem } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { activityOf, call, insertNumber, newAdmin } from './admin-support';

/** The number inventory: create, list, edit, assign and release, delete. */
describe('admin API: numbers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  const numberRow = async (id: number) =>
    (
      await t.sql<{ owner_id: number | null; status: string; assigned_date: Date | null }>(
        'SELECT owner_id, status, assigned_date FROM phone_numbers WHERE id = ?',
        [id],
      )
    )[0];

  describe('POST /admin/numbers', () => {
    it('adds a number in E.164 with the defaults, and logs it', async () => {
      const admin = await newAdmin(t);
      const res = await call(t, 'post', '/admin/numbers', admin.accessToken, { phoneNumber: '(505) 234-5678' }).expect(
        201,
      );
      expect(res.body).toEqual({
        id: expect.any(Number),
        phoneNumber: '+15052345678',
        friendlyName: null,
        locationCity: null,
        locationState: null,
        locationCountry: 'US',
        ownerId: null,
        status: 'available',
        numberType: 'local',
        monthlyCost: 0,
        provider: 'mock',
        recordCalls: false,
        assignedDate: null,
        createdAt: expect.any(String),
        owner: null,
      });
      expect(await activityOf(t, 'number_created', res.body.id)).toEqual([
        {
          user_id: admin.user.id,
          entity_type: 'phone_number',
          entity_id: res.body.id,
          details: { phoneNumber: '+15052345678', numberType: 'local' },
        },
      ]);
    });

    it('takes every field, trimmed', async () => {
      const admin = await newAdmin(t);
      const res = await call(t, 'post', '/admin/numbers', admin.accessToken, {
        phoneNumber: ' +1 800 234 5678 ',
        friendlyName: '  Support line ',
        locationCity: 'Denver',
        locationState: 'CO',
        locationCountry: 'US',
        numberType: 'toll_free',
        monthlyCost: 99999999.99,
      }).expect(201);
      expect(res.body).toMatchObject({
        phoneNumber: '+18002345678',
        friendlyName: 'Support line',
        locationCity: 'Denver',
        locationState: 'CO',
        numberType: 'toll_free',
        monthlyCost: 99999999.99,
      });
      const [row] = await t.sql<{ monthly_cost: string }>('SELECT monthly_cost FROM phone_numbers WHERE id = ?', [
        res.body.id,
      ]);
      expect(row?.monthly_cost).toBe('99999999.99');
    });

    it('refuses a number already in the inventory, in whatever format, with 409', async () => {
      const admin = await newAdmin(t);
      await call(t, 'post', '/admin/numbers', admin.accessToken, { phoneNumber: '+17022345678' }).expect(201);
      for (const phoneNumber of ['+17022345678', '702-234-5678', '(702) 234-5678']) {
        const res = await call(t, 'post', '/admin/numbers', admin.accessToken, { phoneNumber });
        expectProblem(res, 409, /already in the inventory/);
        expect(res.body.errors).toEqual([{ field: 'phoneNumber', message: 'already exists' }]);
      }
      expect(await t.sql("SELECT id FROM phone_numbers WHERE phone_number = '+17022345678'")).toHaveLength(1);
    });

    it.each([
      [{}, 'phoneNumber'],
      [{ phoneNumber: '' }, 'phoneNumber'],
      [{ phoneNumber: '123' }, 'phoneNumber'],
      [{ phoneNumber: '555-0100' }, 'phoneNumber'],
      [{ phoneNumber: 'call me' }, 'phoneNumber'],
      [{ phoneNumber: 19095550142 }, 'phoneNumber'],
      [{ phoneNumber: '+1'.padEnd(40, '9') }, 'phoneNumber'],
      [{ phoneNumber: '+19095550177', numberType: 'satellite' }, 'numberType'],
      [{ phoneNumber: '+19095550177', monthlyCost: -1 }, 'monthlyCost'],
      [{ phoneNumber: '+19095550177', monthlyCost: 1.234 }, 'monthlyCost'],
      [{ phoneNumber: '+19095550177', monthlyCost: 100000000 }, 'monthlyCost'],
      [{ phoneNumber: '+19095550177', monthlyCost: '5' }, 'monthlyCost'],
      [{ phoneNumber: '+19095550177', friendlyName: 'x'.repeat(101) }, 'friendlyName'],
      [{ phoneNumber: '+19095550177', locationState: 'x'.repeat(51) }, 'locationState'],
      [{ phoneNumber: '+19095550177', locationCountry: '' }, 'locationCountry'],
      [{ phoneNumber: '+19095550177', ownerId: 1 }, 'ownerId'],
      [{ phoneNumber: '+19095550177', status: 'assigned' }, 'status'],
    ])('refuses %j with 400 naming %s', async (body, field) => {
      const admin = await newAdmin(t);
      const res = await call(t, 'post', '/admin/numbers', admin.accessToken, body);
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await t.sql("SELECT id FROM phone_numbers WHERE phone_number = '+19095550177'")).toHaveLength(0);
    });
  });

  describe('GET /admin/numbers', () => {
    it('filters by digits, name, status, type and owner, newest first, in pages', async () => {
      const admin = await newAdmin(t);
      const owner = await activeClient(t);
      const a = await insertNumber(t, { phoneNumber: '+13035550181', friendlyName: 'Denver desk' });
      const b = await insertNumber(t, { phoneNumber: '+13035550182', numberType: 'mobile', ownerId: owner.user.id });
      const c = await insertNumber(t, {
        phoneNumber: '+13035550183',
        status: 'suspended',
        friendlyName: '50% off line',
      });
      const ids = async (query: string) =>
        (
          (await call(t, 'get', `/admin/numbers?${query}`, admin.accessToken).expect(200)).body.data as PhoneNumber[]
        ).map((n) => n.id);

      expect(await ids('q=303555018')).toEqual([c.id, b.id, a.id]);
      expect(await ids('q=(303) 555-0182')).toEqual([b.id]);
      expect(await ids('q=denver DESK')).toEqual([a.id]);
      expect(await ids('q=50%25')).toEqual([c.id]);
      expect(await ids('q=zzz-nothing')).toEqual([]);
      expect(await ids('q=303555018&status=suspended')).toEqual([c.id]);
      expect(await ids('q=303555018&numberType=mobile')).toEqual([b.id]);
      expect(await ids(`ownerId=${owner.user.id}`)).toEqual([b.id]);
      expect(await ids('ownerId=999999')).toEqual([]);

      const page = await call(t, 'get', '/admin/numbers?q=303555018&pageSize=2&page=2', admin.accessToken).expect(200);
      expect(page.body.meta).toEqual({ page: 2, pageSize: 2, total: 3, totalPages: 2 });
      expect(page.body.data.map((n: PhoneNumber) => n.id)).toEqual([a.id]);
    });

    it('names each owner in the row ({id, name, email}; null when unowned), so the console looks nobody up', async () => {
      const admin = await newAdmin(t);
      const owners = [await activeClient(t), await activeClient(t), await activeClient(t)];
      const owned: { id: number }[] = [];
      for (const owner of owners) owned.push(await insertNumber(t, { ownerId: owner.user.id }));
      const spare = await insertNumber(t);
      await t.sql("UPDATE users SET name = 'Renamed Owner' WHERE id = ?", [owners[0].user.id]);

      const res = await call(t, 'get', '/admin/numbers?pageSize=100', admin.accessToken).expect(200);
      const rows = res.body.data as AdminPhoneNumber[];
      const byId = new Map(rows.map((row) => [row.id, row]));
      expect(byId.get(spare.id)).toMatchObject({ ownerId: null, owner: null });
      owners.forEach((owner, i) =>
        expect(byId.get(owned[i].id)).toMatchObject({
          ownerId: owner.user.id,
          owner: { id: owner.user.id, name: i === 0 ? 'Renamed Owner' : owner.user.name, email: owner.user.email },
        }),
      );
      // Only the three fields of a UserRef: nothing else of the account (role, status, dates) leaks into the list.
      expect(Object.keys(byId.get(owned[1].id)?.owner ?? {}).sort()).toEqual(['email', 'id', 'name']);
      expect(res.body.meta.total).toBe(rows.length);
    });
  });

  describe('PATCH /admin/numbers/:id', () => {
    it('assigns an available number to an active user, who then has it; release takes it back', async () => {
      const admin = await newAdmin(t);
      const client = await activeClient(t);
      const { id, phoneNumber } = await insertNumber(t);

      const assigned = await call(t, 'patch', `/admin/numbers/${id}`, admin.accessToken, {
        ownerId: client.user.id,
      }).expect(200);
      expect(assigned.body).toMatchObject({
        id,
        ownerId: client.user.id,
        status: 'assigned',
        // The row as the inventory lists it, so the console can show it without looking the owner up.
        owner: { id: client.user.id, name: client.user.name, email: client.user.email },
      });
      expect(Date.now() - Date.parse(assigned.body.assignedDate)).toBeLessThan(60_000);
      const mine = await call(t, 'get', '/numbers', client.accessToken).expect(200);
      expect(mine.body.data.map((n: PhoneNumber) => n.phoneNumber)).toEqual([phoneNumber]);
      expect(await activityOf(t, 'number_assigned', id)).toEqual([
        {
          user_id: admin.user.id,
          entity_type: 'phone_number',
          entity_id: id,
          details: { phoneNumber, ownerId: client.user.id },
        },
      ]);
      // The user list counts it.
      const listed = await call(t, 'get', `/admin/users?q=${encodeURIComponent(client.user.email)}`, admin.accessToken);
      expect(listed.body.data[0].numbersCount).toBe(1);

      const released = await call(t, 'patch', `/admin/numbers/${id}`, admin.accessToken, { ownerId: null }).expect(200);
      expect(released.body).toMatchObject({ id, ownerId: null, status: 'available', assignedDate: null, owner: null });
      expect(await numberRow(id)).toEqual({ owner_id: null, status: 'available', assigned_date: null });
      expect((await call(t, 'get', '/numbers', client.accessToken).expect(200)).body.data).toEqual([]);
      expect(await activityOf(t, 'number_released', id)).toEqual([
        expect.objectContaining({ user_id: admin.user.id, details: { phoneNumber, ownerId: client.user.id } }),
      ]);
      // Releasing again, or assigning to the same owner again, changes nothing.
      await call(t, 'patch', `/admin/numbers/${id}`, admin.accessToken, { ownerId: null }).expect(200);
      expect(await activityOf(t, 'number_released', id)).toHaveLength(1);
    });

    it('assigns only to active users: pending and suspended are 409, unknown users 404', async () => {
      const admin = await newAdmin(t);
      const pending = await signUp(t);
      const suspended = await activeClient(t);
      await t.sql("UPDATE users SET status = 'suspended' WHERE id = ?", [suspended.user.id]);
      const { id } = await insertNumber(t);

      expectProblem(
        await call(t, 'patch', `/admin/numbers/${id}`, admin.accessToken, { ownerId: pending.user.id }),
        409,
        /pending; approve the account/,
      );
      expectProblem(
        await call(t, 'patch', `/admin/numbers/${id}`, admin.accessToken, { ownerId: suspended.user.id }),
        409,
        /suspended/,
      );
      expectProblem(
        await call(t, 'patch', `/admin/numbers/${id}`, admin.accessToken, { ownerId: 999999 }),
        404,
        'User 999999 not found',
      );
      expect(await numberRow(id)).toEqual({ owner_id: null, status: 'available', assigned_date: null });
      expect(await activityOf(t, 'number_assigned', id)).toEqual([]);
    });

    it('never takes a number from its holder, and assigns only what is in stock (409)', async () => {
      const admin = await newAdmin(t);
      const holder = await activeClient(t);
      const other = await activeClient(t);
      const held = await insertNumber(t, { ownerId: holder.user.id });
      const suspendedNumber = await insertNumber(t, { status: 'suspended' });

      expectProblem(
        await call(t, 'patch', `/admin/numbers/${held.id}`, admin.accessToken, { ownerId: other.user.id }),
        409,
        new RegExp(`already assigned to user ${holder.user.id}; release it first`),
      );
      expectProblem(
        await call(t, 'patch', `/admin/numbers/${suspendedNumber.id}`, admin.accessToken, { ownerId: other.user.id }),
        409,
        /is suspended, not available/,
      );
      // Same owner again: nothing to do.
      await call(t, 'patch', `/admin/numbers/${held.id}`, admin.accessToken, { ownerId: holder.user.id }).expect(200);
      expect((await numberRow(held.id))?.owner_id).toBe(holder.user.id);
    });

    it('edits the other fields; null or blank clears a text field; one activity row with the new values', async () => {
      const admin = await newAdmin(t);
      const { id, phoneNumber } = await insertNumber(t, { friendlyName: 'Old name' });
      const res = await call(t, 'patch', `/admin/numbers/${id}`, admin.accessToken, {
        friendlyName: null,
        monthlyCost: 2.5,
        locationCity: ' Riverside ',
        locationState: 'CA',
        locationCountry: 'US',
        numberType: 'mobile',
      }).expect(200);
      expect(res.body).toMatchObject({
        friendlyName: null,
        monthlyCost: 2.5,
        locationCity: 'Riverside',
        locationState: 'CA',
        numberType: 'mobile',
        status: 'available',
      });
      expect(await activityOf(t, 'number_updated', id)).toEqual([
        expect.objectContaining({
          user_id: admin.user.id,
          details: {
            phoneNumber,
            friendlyName: null,
            monthlyCost: 2.5,
            locationCity: 'Riverside',
            locationState: 'CA',
            numberType: 'mobile',
          },
        }),
      ]);
      await call(t, 'patch', `/admin/numbers/${id}`, admin.accessToken, { locationCity: '' }).expect(200);
      const [row] = await t.sql<{ location_city: string | null }>(
        'SELECT location_city FROM phone_numbers WHERE id = ?',
        [id],
      );
      expect(row?.location_city).toBeNull();
    });

    it('sets inventory statuses on unowned numbers only, and assigned only through ownerId', async () => {
      const admin = await newAdmin(t);
      const client = await activeClient(t);
      const free = await insertNumber(t);
      const held = await insertNumber(t, { ownerId: client.user.id });

      await call(t, 'patch', `/admin/numbers/${free.id}`, admin.accessToken, { status: 'suspended' }).expect(200);
      expect((await numberRow(free.id))?.status).toBe('suspended');
      await call(t, 'patch', `/admin/numbers/${free.id}`, admin.accessToken, { status: 'available' }).expect(200);
      expect(await activityOf(t, 'number_updated', free.id)).toEqual([
        expect.objectContaining({
          details: expect.objectContaining({ field: 'status', from: 'available', to: 'suspended' }),
        }),
        expect.objectContaining({
          details: expect.objectContaining({ field: 'status', from: 'suspended', to: 'available' }),
        }),
      ]);

      expectProblem(
        await call(t, 'patch', `/admin/numbers/${free.id}`, admin.accessToken, { status: 'assigned' }),
        400,
        /ownerId/,
      );
      expectProblem(
        await call(t, 'patch', `/admin/numbers/${free.id}`, admin.accessToken, {
          ownerId: client.user.id,
          status: 'pending',
        }),
        400,
      );
      expectProblem(
        await call(t, 'patch', `/admin/numbers/${held.id}`, admin.accessToken, { status: 'suspended' }),
        409,
        /release it \(ownerId: null\)/,
      );
      expect(await numberRow(held.id)).toMatchObject({ owner_id: client.user.id, status: 'assigned' });

      // Releasing and suspending in one go.
      const res = await call(t, 'patch', `/admin/numbers/${held.id}`, admin.accessToken, {
        ownerId: null,
        status: 'suspended',
      }).expect(200);
      expect(res.body).toMatchObject({ ownerId: null, status: 'suspended', assignedDate: null });
      // Assigning with status assigned spelled out is fine.
      await call(t, 'patch', `/admin/numbers/${free.id}`, admin.accessToken, {
        ownerId: client.user.id,
        status: 'assigned',
      }).expect(200);
      expect(await numberRow(free.id)).toMatchObject({ owner_id: client.user.id, status: 'assigned' });
    });

    it.each([
      [{}, undefined],
      [{ ownerId: 'abc' }, 'ownerId'],
      [{ ownerId: 0 }, 'ownerId'],
      [{ ownerId: 1.5 }, 'ownerId'],
      [{ status: 'lost' }, 'status'],
      [{ status: null }, 'status'],
      [{ monthlyCost: null }, 'monthlyCost'],
      [{ monthlyCost: -0.01 }, 'monthlyCost'],
      [{ numberType: null }, 'numberType'],
      [{ friendlyName: 5 }, 'friendlyName'],
      [{ phoneNumber: '+19095550100' }, 'phoneNumber'],
      [{ provider: 'twilio' }, 'provider'],
    ])('refuses %j with 400', async (body, field) => {
      const admin = await newAdmin(t);
      const { id } = await insertNumber(t);
      const res = await call(t, 'patch', `/admin/numbers/${id}`, admin.accessToken, body);
      expectProblem(res, 400);
      if (field) expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await numberRow(id)).toEqual({ owner_id: null, status: 'available', assigned_date: null });
    });
  });

  describe('DELETE /admin/numbers/:id', () => {
    it('refuses an assigned number (409) and deletes one nobody holds (204), logging it', async () => {
      const admin = await newAdmin(t);
      const client = await activeClient(t);
      const held = await insertNumber(t, { ownerId: client.user.id });
      const free = await insertNumber(t, { phoneNumber: freshNumber(), status: 'suspended' });

      expectProblem(
        await call(t, 'delete', `/admin/numbers/${held.id}`, admin.accessToken),
        409,
        new RegExp(`assigned to user ${client.user.id}; release it before deleting it`),
      );
      expect(await numberRow(held.id)).toBeDefined();

      await call(t, 'delete', `/admin/numbers/${free.id}`, admin.accessToken).expect(204);
      expect(await numberRow(free.id)).toBeUndefined();
      expect(await activityOf(t, 'number_deleted', free.id)).toEqual([
        expect.objectContaining({ user_id: admin.user.id, details: { phoneNumber: free.phoneNumber } }),
      ]);
      expectProblem(await call(t, 'delete', `/admin/numbers/${free.id}`, admin.accessToken), 404);
    });

    it('keeps a fulfilled request when its number is deleted after release (assignedNumberId becomes null)', async () => {
      const admin = await newAdmin(t);
      const client = await activeClient(t);
      const number = await insertNumber(t);
      const request = await call(t, 'post', '/number-requests', client.accessToken, { numberType: 'local' }).expect(
        201,
      );
      await call(t, 'post', `/admin/number-requests/${request.body.id}/approve`, admin.accessToken, {
        numberId: number.id,
      }).expect(200);
      await call(t, 'patch', `/admin/numbers/${number.id}`, admin.accessToken, { ownerId: null }).expect(200);
      await call(t, 'delete', `/admin/numbers/${number.id}`, admin.accessToken).expect(204);
      const mine = await call(t, 'get', '/number-requests', client.accessToken).expect(200);
      expect(mine.body.data[0]).toMatchObject({ status: 'fulfilled', assignedNumberId: null });
    });
  });
});
