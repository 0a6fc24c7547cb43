import { activeClient, bearer, signUp } from '../support/accounts';
import { expectProblem } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

describe('number requests (client side)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Sign-ups are limited per client IP: the accounts helpers bring their own (X-Forwarded-For).
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  const valid = {
    numberType: 'local',
    areaCode: '909',
    cityPreference: 'Riverside',
    businessName: 'Acme Roofing',
    businessWebsite: 'https://acme-roofing.example',
    reason: 'A local line for the new branch',
  };

  it('lets a pending client request a number, list it and cancel it', async () => {
    const client = await signUp(t);
    const created = await t
      .http()
      .post('/api/v1/number-requests')
      .set(bearer(client.accessToken))
      .send(valid)
      .expect(201);
    expect(created.body).toMatchObject({
      ...valid,
      status: 'pending',
      userId: client.user.id,
      adminNotes: null,
      assignedNumberId: null,
      processedAt: null,
    });

    const list = await t.http().get('/api/v1/number-requests').set(bearer(client.accessToken)).expect(200);
    expect(list.body.meta).toEqual({ page: 1, pageSize: 25, total: 1, totalPages: 1 });
    expect(list.body.data[0].id).toBe(created.body.id);

    await t.http().delete(`/api/v1/number-requests/${created.body.id}`).set(bearer(client.accessToken)).expect(204);
    const after = await t.http().get('/api/v1/number-requests').set(bearer(client.accessToken)).expect(200);
    expect(after.body.data).toHaveLength(0);
    const actions = await t.sql<{ action: string }>(
      "SELECT action FROM activity_logs WHERE user_id = ? AND action LIKE 'request_%' ORDER BY id",
      [client.user.id],
    );
    expect(actions.map((a) => a.action)).toEqual(['request_created', 'request_canceled']);
  });

  it('accepts the minimal request and filters by status', async () => {
    const client = await activeClient(t);
    await t
      .http()
      .post('/api/v1/number-requests')
      .set(bearer(client.accessToken))
      .send({ numberType: 'toll_free' })
      .expect(201);
    const [{ id }] = await t.sql<{ id: number }>('SELECT id FROM number_requests WHERE user_id = ?', [client.user.id]);
    await t.sql("UPDATE number_requests SET status = 'denied', admin_notes = 'No stock' WHERE id = ?", [id]);
    await t
      .http()
      .post('/api/v1/number-requests')
      .set(bearer(client.accessToken))
      .send({ numberType: 'mobile' })
      .expect(201);
    const denied = await t
      .http()
      .get('/api/v1/number-requests?status=denied')
      .set(bearer(client.accessToken))
      .expect(200);
    expect(denied.body.data.map((r: { id: number }) => r.id)).toEqual([id]);
    expect(denied.body.data[0].adminNotes).toBe('No stock');
    expectProblem(await t.http().get('/api/v1/number-requests?status=lost').set(bearer(client.accessToken)), 400);
    // A processed request cannot be cancelled.
    expectProblem(await t.http().delete(`/api/v1/number-requests/${id}`).set(bearer(client.accessToken)), 409);
  });

  it('allows at most 5 pending requests', async () => {
    const client = await activeClient(t);
    for (let i = 0; i < 5; i++) {
      await t
        .http()
        .post('/api/v1/number-requests')
        .set(bearer(client.accessToken))
        .send({ numberType: 'local' })
        .expect(201);
    }
    expectProblem(
      await t.http().post('/api/v1/number-requests').set(bearer(client.accessToken)).send({ numberType: 'local' }),
      409,
    );
  });

  it.each([
    [{}, 'numberType'],
    [{ numberType: 'satellite' }, 'numberType'],
    [{ numberType: 'local', areaCode: '90' }, 'areaCode'],
    [{ numberType: 'local', areaCode: 'abc' }, 'areaCode'],
    [{ numberType: 'local', businessWebsite: 'ftp://acme.example' }, 'businessWebsite'],
    [{ numberType: 'local', businessWebsite: 'not a url' }, 'businessWebsite'],
    [{ numberType: 'local', cityPreference: 'x'.repeat(101) }, 'cityPreference'],
    [{ numberType: 'local', businessName: 'x'.repeat(201) }, 'businessName'],
    [{ numberType: 'local', status: 'fulfilled' }, 'status'],
  ])('refuses %j naming %s', async (body, field) => {
    const client = await activeClient(t);
    const res = await t.http().post('/api/v1/number-requests').set(bearer(client.accessToken)).send(body);
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it("answers 401 anonymous, 403 suspended, and 404 for another user's request", async () => {
    expectProblem(await t.http().get('/api/v1/number-requests'), 401);
    expectProblem(await t.http().post('/api/v1/number-requests').send(valid), 401);
    expectProblem(await t.http().delete('/api/v1/number-requests/1'), 401);

    const owner = await activeClient(t);
    const mine = await t.http().post('/api/v1/number-requests').set(bearer(owner.accessToken)).send(valid).expect(201);
    const other = await activeClient(t);
    expectProblem(await t.http().delete(`/api/v1/number-requests/${mine.body.id}`).set(bearer(other.accessToken)), 404);
    const seen = await t.http().get('/api/v1/number-requests').set(bearer(other.accessToken)).expect(200);
    expect(seen.body.data).toHaveLength(0);
    expectProblem(await t.http().delete('/api/v1/number-requests/999999').set(bearer(owner.accessToken)), 404);
    expectProblem(await t.http().delete('/api/v1/number-requests/x').set(bearer(owner.accessToken)), 400);

    await t.sql("UPDATE users SET status = 'suspended' WHERE id = ?", [owner.user.id]);
    expectProblem(await t.http().get('/api/v1/number-requests').set(bearer(owner.accessToken)), 403);
  });
});
