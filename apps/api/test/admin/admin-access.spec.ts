import { activeClient, signUp, SignedUp } from '../support/accounts';
import { freshNumber } from '../support/calls';
import { expectProblem, nextIp } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { apiKeyOf, call, insertNumber, Method, newAdmin } from './admin-support';

const CSV = 'phoneNumber\n+19095550101\n';

/**
 * Who may call the admin API, and what input every admin route refuses: anonymous 401, clients 403
 * (sessions and API keys alike), admins in (their keys too), ids that are not ids 400, unknown ids 404, unknown
 * properties 400 by name.
 */
describe('admin API: access and input matrix', () => {
  let t: TestApp;
  let target: SignedUp;
  let numberId: number;
  let requestId: number;

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
    target = await activeClient(t);
    numberId = (await insertNumber(t)).id;
    const request = await call(t, 'post', '/number-requests', target.accessToken, { numberType: 'local' }).expect(201);
    requestId = request.body.id;
  });
  afterAll(() => t.close());

  /** Every admin route with a valid body; ids name existing rows. */
  const routes = (ids: { user: number | string; number: number | string; request: number | string }) =>
    [
      ['get', '/admin/users'],
      ['get', `/admin/users/${ids.user}`],
      ['patch', `/admin/users/${ids.user}`, { name: 'Renamed Person' }],
      ['get', '/admin/numbers'],
      ['post', '/admin/numbers', { phoneNumber: freshNumber() }],
      ['post', '/admin/numbers/import', CSV],
      ['patch', `/admin/numbers/${ids.number}`, { friendlyName: 'Front desk' }],
      ['delete', `/admin/numbers/${ids.number}`],
      ['get', '/admin/number-requests'],
      ['get', `/admin/number-requests/${ids.request}/suggestion`],
      ['post', `/admin/number-requests/${ids.request}/approve`, {}],
      ['post', `/admin/number-requests/${ids.request}/fulfill`, { numberId: 1 }],
      ['post', `/admin/number-requests/${ids.request}/deny`, { adminNotes: 'No stock' }],
      ['get', '/admin/calls'],
      ['get', '/admin/activity'],
    ] as [Method, string, unknown?][];

  const existing = () => routes({ user: target.user.id, number: numberId, request: requestId });

  function send(method: Method, path: string, token: string | undefined, body?: unknown) {
    if (typeof body === 'string') return call(t, method, path, token).set('Content-Type', 'text/csv').send(body);
    return call(t, method, path, token, body);
  }

  async function nothingChanged() {
    const [user] = await t.sql<{ name: string }>('SELECT name FROM users WHERE id = ?', [target.user.id]);
    expect(user?.name).toBe(target.user.name);
    const [number] = await t.sql<{ friendly_name: string | null }>(
      'SELECT friendly_name FROM phone_numbers WHERE id = ?',
      [numberId],
    );
    expect(number).toEqual({ friendly_name: null });
    const [request] = await t.sql<{ status: string }>('SELECT status FROM number_requests WHERE id = ?', [requestId]);
    expect(request?.status).toBe('pending');
    expect(await t.sql('SELECT id FROM phone_numbers WHERE phone_number = ?', ['+19095550101'])).toHaveLength(0);
  }

  it('answers 401 to anonymous callers and to invalid credentials on every route', async () => {
    // Failed authentications are limited per client IP: each bad credential comes from its own address.
    for (const [method, path, body] of existing()) {
      expectProblem(await send(method, path, undefined, body), 401);
      expectProblem(await send(method, path, 'not-a-jwt', body).set('X-Forwarded-For', nextIp()), 401);
      expectProblem(await send(method, path, `hh_live_${'x'.repeat(40)}`, body).set('X-Forwarded-For', nextIp()), 401);
    }
    await nothingChanged();
  });

  it('answers 403 to an active client, by session and by API key, on every route', async () => {
    const client = await activeClient(t);
    const key = await apiKeyOf(t, client);
    for (const [method, path, body] of existing()) {
      expectProblem(await send(method, path, client.accessToken, body), 403, /admin/);
      expectProblem(await send(method, path, key, body), 403, /admin/);
    }
    await nothingChanged();
  });

  it('answers 403 to a pending client, and to an admin once demoted', async () => {
    const pending = await signUp(t);
    const demoted = await newAdmin(t);
    await call(t, 'get', '/admin/users', demoted.accessToken).expect(200);
    await t.sql("UPDATE users SET role = 'client' WHERE id = ?", [demoted.user.id]);
    for (const [method, path, body] of existing()) {
      expectProblem(await send(method, path, pending.accessToken, body), 403);
      expectProblem(await send(method, path, demoted.accessToken, body), 403);
    }
    await nothingChanged();
  });

  it("lets an admin's API key act as the admin", async () => {
    const admin = await newAdmin(t);
    const key = await apiKeyOf(t, admin);
    await call(t, 'get', '/admin/users', key).expect(200);
    await call(t, 'get', `/admin/users/${target.user.id}`, key).expect(200);
    await call(t, 'get', '/admin/activity', key).expect(200);
    const created = await call(t, 'post', '/admin/numbers', key, { phoneNumber: freshNumber() }).expect(201);
    const [row] = await t.sql<{ user_id: number }>(
      "SELECT user_id FROM activity_logs WHERE action = 'number_created' AND entity_id = ?",
      [created.body.id],
    );
    expect(row?.user_id).toBe(admin.user.id);
  });

  it('answers 400 to ids that are not positive whole numbers, naming the id', async () => {
    const admin = await newAdmin(t);
    for (const bad of ['abc', '0', '-1', '1.5', '1e3']) {
      for (const [method, path, body] of routes({ user: bad, number: bad, request: bad })) {
        if (!path.includes(bad)) continue;
        const res = await send(method, path, admin.accessToken, body);
        expectProblem(res, 400, /must be a positive whole number/);
      }
    }
  });

  it('answers 404 to unknown ids on every route that takes one', async () => {
    const admin = await newAdmin(t);
    for (const unknown of ['999999', '99999999999']) {
      for (const [method, path, body] of routes({ user: unknown, number: unknown, request: unknown })) {
        if (!path.includes(unknown)) continue;
        expectProblem(await send(method, path, admin.accessToken, body), 404, /not found/);
      }
    }
  });

  it('refuses unknown body properties on every JSON route, naming them, and changes nothing', async () => {
    const admin = await newAdmin(t);
    for (const [method, path, body] of existing()) {
      if (body === undefined || typeof body === 'string') continue;
      const res = await send(method, path, admin.accessToken, { ...body, isAdmin: true });
      expectProblem(res, 400, /Unknown property: isAdmin/);
      expect(res.body.errors).toContainEqual({ field: 'isAdmin', message: 'is not allowed' });
    }
    for (const [method, path] of existing()) {
      if (method === 'get' || method === 'delete' || path.endsWith('/import')) continue;
      for (const body of ['[]', '"text"', 'null', '42']) {
        const res = await call(t, method, path, admin.accessToken).set('Content-Type', 'application/json').send(body);
        expectProblem(res, 400, 'The request body must be a JSON object');
      }
    }
    await nothingChanged();
  });

  it('refuses bad paging and filters on every list with 400 naming the field', async () => {
    const admin = await newAdmin(t);
    const lists = ['/admin/users', '/admin/numbers', '/admin/number-requests', '/admin/calls', '/admin/activity'];
    for (const list of lists) {
      for (const [query, field] of [
        ['page=0', 'page'],
        ['page=abc', 'page'],
        ['pageSize=101', 'pageSize'],
        ['pageSize=0', 'pageSize'],
        ['color=blue', 'color'],
      ]) {
        const res = await call(t, 'get', `${list}?${query}`, admin.accessToken);
        expectProblem(res, 400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
    }
    const filters: [string, string][] = [
      ['/admin/users?role=owner', 'role'],
      ['/admin/users?status=gone', 'status'],
      [`/admin/users?q=${'x'.repeat(101)}`, 'q'],
      ['/admin/numbers?status=lost', 'status'],
      ['/admin/numbers?numberType=satellite', 'numberType'],
      ['/admin/numbers?ownerId=abc', 'ownerId'],
      ['/admin/numbers?ownerId=0', 'ownerId'],
      ['/admin/number-requests?status=maybe', 'status'],
      ['/admin/calls?userId=abc', 'userId'],
      ['/admin/calls?userId=-3', 'userId'],
      ['/admin/calls?status=talking', 'status'],
      ['/admin/calls?sort=name', 'sort'],
      ['/admin/calls?from=yesterday', 'from'],
      ['/admin/activity?userId=x', 'userId'],
      ['/admin/activity?action=hacked', 'action'],
      ['/admin/activity?entityType=User%20Table', 'entityType'],
      ['/admin/activity?from=2026-13-01', 'from'],
      ['/admin/activity?to=soon', 'to'],
    ];
    for (const [path, field] of filters) {
      const res = await call(t, 'get', path, admin.accessToken);
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expectProblem(
      await call(t, 'get', '/admin/activity?from=2026-11-02&to=2026-11-01', admin.accessToken),
      400,
      /before/,
    );
  });

  it('documents every admin route in the OpenAPI document under the admin tag, with its problems', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    const documented: [string, string][] = [
      ['/api/v1/admin/users', 'get'],
      ['/api/v1/admin/users/{id}', 'get'],
      ['/api/v1/admin/users/{id}', 'patch'],
      ['/api/v1/admin/numbers', 'get'],
      ['/api/v1/admin/numbers', 'post'],
      ['/api/v1/admin/numbers/import', 'post'],
      ['/api/v1/admin/numbers/{id}', 'patch'],
      ['/api/v1/admin/numbers/{id}', 'delete'],
      ['/api/v1/admin/number-requests', 'get'],
      ['/api/v1/admin/number-requests/{id}/suggestion', 'get'],
      ['/api/v1/admin/number-requests/{id}/approve', 'post'],
      ['/api/v1/admin/number-requests/{id}/fulfill', 'post'],
      ['/api/v1/admin/number-requests/{id}/deny', 'post'],
      ['/api/v1/admin/calls', 'get'],
      ['/api/v1/admin/activity', 'get'],
    ];
    for (const [path, method] of documented) {
      const operation = doc.paths[path]?.[method];
      expect({ path, method, tags: operation?.tags }).toEqual({ path, method, tags: ['admin'] });
      expect(operation.summary).toEqual(expect.any(String));
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '429']));
      expect(operation.security).toEqual(expect.arrayContaining([{ session: [] }, { 'api-key': [] }]));
      if (path.includes('{id}')) expect(Object.keys(operation.responses)).toContain('404');
    }
    expect(doc.paths['/api/v1/admin/numbers/import'].post.requestBody.content).toHaveProperty('text/csv');
    expect(doc.components.schemas.AdminUserDto.properties).toHaveProperty('numbersCount');
    expect(doc.components.schemas.AdminNumberRequestDto.properties).toHaveProperty('user');
  });
});
