import { activeClient, bearer, signUp } from '../support/accounts';
import { assignNumber } from '../support/calls';
import { expectProblem } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

describe('my numbers (GET /numbers, PATCH /numbers/:id)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Sign-ups are limited per client IP: the accounts helpers bring their own (X-Forwarded-For).
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  async function numberId(phoneNumber: string): Promise<number> {
    const [row] = await t.sql<{ id: number }>('SELECT id FROM phone_numbers WHERE phone_number = ?', [phoneNumber]);
    return row?.id ?? 0;
  }

  it('lists only my assigned numbers, oldest assignment first, paginated', async () => {
    const me = await activeClient(t);
    const other = await activeClient(t);
    const first = await assignNumber(t, me.user.id, undefined, new Date('2026-01-01T00:00:00Z'));
    const second = await assignNumber(t, me.user.id, undefined, new Date('2026-02-01T00:00:00Z'));
    await assignNumber(t, other.user.id);
    await t.sql(
      "INSERT INTO phone_numbers (phone_number, owner_id, status, created_at) VALUES ('+19095557777', ?, 'suspended', UTC_TIMESTAMP(3))",
      [me.user.id],
    );

    const res = await t.http().get('/api/v1/numbers').set(bearer(me.accessToken)).expect(200);
    expect(res.body.meta).toEqual({ page: 1, pageSize: 25, total: 2, totalPages: 1 });
    expect(res.body.data.map((n: { phoneNumber: string }) => n.phoneNumber)).toEqual([first, second]);
    expect(res.body.data[0]).toMatchObject({
      ownerId: me.user.id,
      status: 'assigned',
      numberType: 'local',
      monthlyCost: 0,
      provider: 'mock',
    });

    const paged = await t.http().get('/api/v1/numbers?page=2&pageSize=1').set(bearer(me.accessToken)).expect(200);
    expect(paged.body.data.map((n: { phoneNumber: string }) => n.phoneNumber)).toEqual([second]);
    expect(paged.body.meta).toEqual({ page: 2, pageSize: 1, total: 2, totalPages: 2 });
  });

  it('lets a pending account see that it has no numbers yet', async () => {
    const pending = await signUp(t);
    const res = await t.http().get('/api/v1/numbers').set(bearer(pending.accessToken)).expect(200);
    expect(res.body).toEqual({ data: [], meta: { page: 1, pageSize: 25, total: 0, totalPages: 0 } });
  });

  it('renames my number (trimmed; null or blank clears) and refuses another user’s with 404', async () => {
    const me = await activeClient(t);
    const other = await activeClient(t);
    const mine = await numberId(await assignNumber(t, me.user.id));
    const theirs = await numberId(await assignNumber(t, other.user.id));

    const renamed = await t
      .http()
      .patch(`/api/v1/numbers/${mine}`)
      .set(bearer(me.accessToken))
      .send({ friendlyName: '  Sales line  ' })
      .expect(200);
    expect(renamed.body.friendlyName).toBe('Sales line');
    const cleared = await t
      .http()
      .patch(`/api/v1/numbers/${mine}`)
      .set(bearer(me.accessToken))
      .send({ friendlyName: null })
      .expect(200);
    expect(cleared.body.friendlyName).toBeNull();

    expectProblem(
      await t.http().patch(`/api/v1/numbers/${theirs}`).set(bearer(me.accessToken)).send({ friendlyName: 'Mine now' }),
      404,
    );
    const [row] = await t.sql<{ friendly_name: string | null }>(
      'SELECT friendly_name FROM phone_numbers WHERE id = ?',
      [theirs],
    );
    expect(row?.friendly_name).toBeNull();
    expectProblem(
      await t.http().patch('/api/v1/numbers/99999999').set(bearer(me.accessToken)).send({ friendlyName: 'x' }),
      404,
    );
  });

  it.each([
    [{ friendlyName: 'x'.repeat(101) }, 'friendlyName'],
    [{ friendlyName: 42 }, 'friendlyName'],
    [{}, 'friendlyName'],
    [{ friendlyName: 'ok', ownerId: 1 }, 'ownerId'],
  ])('refuses %j naming %s', async (body, field) => {
    const me = await activeClient(t);
    const mine = await numberId(await assignNumber(t, me.user.id));
    const res = await t.http().patch(`/api/v1/numbers/${mine}`).set(bearer(me.accessToken)).send(body);
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('answers 401 anonymous, 400 for a bad id, and works with an API key', async () => {
    expectProblem(await t.http().get('/api/v1/numbers'), 401);
    expectProblem(await t.http().patch('/api/v1/numbers/1').send({ friendlyName: 'x' }), 401);
    const me = await activeClient(t);
    expectProblem(
      await t.http().patch('/api/v1/numbers/abc').set(bearer(me.accessToken)).send({ friendlyName: 'x' }),
      400,
    );
    const key = await t.http().post('/api/v1/api-keys').set(bearer(me.accessToken)).send({}).expect(201);
    await t.http().get('/api/v1/numbers').set('X-API-Key', key.body.key).expect(200);
  });

  it('answers 403 once the account is suspended', async () => {
    const me = await activeClient(t);
    await t.sql("UPDATE users SET status = 'suspended' WHERE id = ?", [me.user.id]);
    expectProblem(await t.http().get('/api/v1/numbers').set(bearer(me.accessToken)), 403);
  });
});
