import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';
import { activeClient, bearer, logIn, signUp, SignedUp } from '../support/accounts';
import { expectProblem, nextIp } from '../support/http';
import { newAdmin } from '../admin/admin-support';

const ORIGIN = 'https://app.example.com';

describe('HTTP hardening', () => {
  let t: TestApp;
  let account: SignedUp;
  beforeAll(async () => {
    // TRUST_PROXY so that anonymous requests can come from many addresses (each has its own per-IP budget).
    t = await startTestApp({ TRUST_PROXY: 'loopback', CORS_ORIGINS: ORIGIN });
    account = await signUp(t);
  });
  afterAll(() => t.close());

  /** A JSON request from a fresh client address, with the raw body exactly as given. */
  function raw(method: 'post' | 'patch', url: string, body: string | Buffer, contentType = 'application/json') {
    return t
      .http()
      [method](url)
      .set('X-Forwarded-For', nextIp())
      .set('Authorization', `Bearer ${account.accessToken}`)
      .set('Content-Type', contentType)
      .send(body);
  }

  /** Routes with a JSON body, representative of the API: public, authenticated, and both DTO styles. */
  const ROUTES: ['post' | 'patch', string][] = [
    ['post', '/api/v1/auth/signup'],
    ['post', '/api/v1/auth/login'],
    ['post', '/api/v1/auth/refresh'],
    ['patch', '/api/v1/me'],
    ['post', '/api/v1/me/password'],
  ];

  describe('request bodies', () => {
    it.each(ROUTES)('%s %s: malformed JSON is a 400 problem', async (method, url) => {
      const res = await raw(method, url, '{"name": "Ann", ');
      expectProblem(res, 400);
    });

    it.each(ROUTES)('%s %s: an array, a string or null as the body is a 400 naming the rule', async (method, url) => {
      for (const body of ['[]', '[{"name":"Ann"}]', '"Ann"', 'null', '42', 'true']) {
        const res = await raw(method, url, body);
        expectProblem(res, 400, 'The request body must be a JSON object');
      }
    });

    it.each([
      ['post', '/api/v1/auth/signup', { name: 'Ann', email: 'ann@example.com', password: 'Lantern-Osprey-7' }],
      ['post', '/api/v1/auth/login', { email: 'ann@example.com', password: 'Lantern-Osprey-7' }],
      ['post', '/api/v1/auth/refresh', {}],
      ['patch', '/api/v1/me', { name: 'Ann' }],
      ['post', '/api/v1/me/password', { currentPassword: 'Lantern-Osprey-7', newPassword: 'Harbour-Falcon-42' }],
    ] as const)('%s %s: unknown properties are a 400 naming each of them', async (method, url, valid) => {
      const res = await raw(method, url, JSON.stringify({ ...valid, isAdmin: true, role: 'admin' }));
      expectProblem(res, 400, /isAdmin/);
      expect(res.body.detail).toMatch(/role/);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'isAdmin', message: 'is not allowed' },
          { field: 'role', message: 'is not allowed' },
        ]),
      );
      expect(await t.sql("SELECT id FROM users WHERE email = 'ann@example.com'")).toHaveLength(0);
    });

    it.each(ROUTES)('%s %s: a body over 100 KB is a 413 problem', async (method, url) => {
      const res = await raw(method, url, JSON.stringify({ name: 'x'.repeat(101 * 1024) }));
      expectProblem(res, 413);
    });

    it('a body just under 100 KB is read (and then judged on its merits)', async () => {
      const res = await raw('patch', '/api/v1/me', JSON.stringify({ name: 'x'.repeat(99 * 1024) }));
      expectProblem(res, 400);
      expect(res.body.errors).toContainEqual({ field: 'name', message: expect.stringMatching(/shorter/) });
    });

    it.each([
      ['text/plain', 'email=a@example.com'],
      ['application/xml', '<login><email>a@example.com</email></login>'],
      ['application/x-www-form-urlencoded', 'email=a%40example.com&password=x'],
      [
        'multipart/form-data; boundary=xyz',
        '--xyz\r\nContent-Disposition: form-data; name="email"\r\n\r\na\r\n--xyz--',
      ],
    ])('Content-Type %s is a 415 problem', async (contentType, body) => {
      for (const [method, url] of ROUTES) {
        const res = await raw(method, url, body, contentType);
        expectProblem(res, 415);
      }
    });
  });

  it('refuses text that is not valid Unicode (a lone surrogate) with a 400 naming the field, changing nothing', async () => {
    const res = await raw('patch', '/api/v1/me', '{"name": "Ann \\ud800 Lee"}');
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ field: 'name', message: 'must be valid Unicode text' }]);
    const nested = await raw('post', '/api/v1/auth/login', '{"email": {"x": ["ok", "\\udfff"]}, "password": "x"}');
    expectProblem(nested, 400);
    expect(nested.body.errors).toEqual([{ field: 'email.x.1', message: 'must be valid Unicode text' }]);
    const [row] = await t.sql<{ name: string }>('SELECT name FROM users WHERE id = ?', [account.user.id]);
    expect(row?.name).toBe(account.user.name);
    // A well-formed pair (an emoji written as escapes) is fine.
    const emoji = await raw('patch', '/api/v1/me', '{"name": "Ann \\ud83d\\udc77 Lee"}').expect(200);
    expect(emoji.body.name).toBe('Ann 👷 Lee');
    await raw('patch', '/api/v1/me', JSON.stringify({ name: account.user.name })).expect(200);
  });

  it('refuses bodies nested deeper than any DTO needs with a 400 (deep nesting used to overflow the stack)', async () => {
    for (const depth of [40, 5_000, 15_000]) {
      const body = `{"name":${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}}`;
      const res = await raw('patch', '/api/v1/me', body);
      expectProblem(res, 400, /nested more than 32 levels/);
    }
    // Shallow nesting is judged by the DTO as usual.
    const shallow = await raw('patch', '/api/v1/me', JSON.stringify({ name: { a: { b: 'x' } } }));
    expectProblem(shallow, 400);
    expect(shallow.body.errors).toContainEqual({ field: 'name', message: expect.any(String) });
  });

  describe('unknown routes', () => {
    it.each([
      ['get', '/api/v1/nope'],
      ['post', '/api/v1/nope'],
      ['get', '/api/v2/auth/me'],
      ['delete', '/api/v1/auth/login'],
      ['get', '/nope'],
      ['get', '/voip/dashboard'], // no web app is built for this app
    ] as const)('%s %s is a 404 problem', async (method, url) => {
      const res = await t.http()[method](url);
      expectProblem(res, 404);
    });
  });

  describe('no request, however malformed, gets a 5xx', () => {
    const login = '/api/v1/auth/login';
    const signup = '/api/v1/auth/signup';
    const CASES: [string, () => Promise<Response>][] = [
      ['a huge number for a string', () => raw('post', login, '{"email": 1e400, "password": 99999999999999999999999}')],
      ['a huge integer exponent', () => raw('post', signup, '{"name": 1e308, "email": -1e308, "password": 0.1}')],
      [
        'nested objects for strings',
        () => raw('post', login, JSON.stringify({ email: { a: { b: { c: [1, 2, { d: null }] } } }, password: {} })),
      ],
      ['operator objects', () => raw('post', login, JSON.stringify({ email: { $gt: '' }, password: { $ne: null } }))],
      [
        'emoji and combining marks',
        () =>
          raw(
            'post',
            signup,
            JSON.stringify({ name: '👷‍♀️ Zoë 𝔘𝔫𝔦', email: '👷@example.com', password: 'Lantern-🦅-7A' }),
          ),
      ],
      [
        'SQL-ish strings',
        () => raw('post', login, JSON.stringify({ email: "' OR 1=1 --@x.io", password: "'; DROP TABLE users; --" })),
      ],
      ['SQL-ish name', () => raw('patch', '/api/v1/me', JSON.stringify({ name: "Robert'); DROP TABLE users;--" }))],
      [
        'invalid UTF-8',
        () =>
          raw(
            'post',
            login,
            Buffer.concat([
              Buffer.from('{"email":"'),
              Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1]),
              Buffer.from('@example.com","password":"Lantern-Osprey-7"}'),
            ]),
          ),
      ],
      ['a NUL byte', () => raw('post', login, JSON.stringify({ email: 'a\u0000b@example.com', password: 'x\u0000' }))],
      ['lone surrogates', () => raw('patch', '/api/v1/me', '{"name": "\\ud800\\udc00\\ud800 ok"}')],
      ['__proto__ pollution', () => raw('post', login, '{"__proto__": {"isAdmin": true}, "email": "a@b.io"}')],
      ['constructor pollution', () => raw('post', login, '{"constructor": {"prototype": {"isAdmin": true}}}')],
      [
        'deeply nested objects',
        () => raw('post', login, `{"email":${'{"a":'.repeat(15_000)}1${'}'.repeat(15_000)},"password":"x"}`),
      ],
      ['deeply nested arrays', () => raw('post', login, '['.repeat(20_000) + ']'.repeat(20_000))],
      ['an empty JSON body', () => raw('post', login, '')],
      ['JSON with a charset that is not UTF-8', () => raw('post', login, '{}', 'application/json; charset=utf-16')],
      [
        'a long refresh token',
        () => raw('post', '/api/v1/auth/refresh', JSON.stringify({ refreshToken: 'r'.repeat(5000) })),
      ],
      ['a duplicated key', () => raw('post', login, '{"email":"a@b.io","email":{"x":1},"password":"x"}')],
      [
        'a huge bearer token',
        () =>
          t
            .http()
            .get('/api/v1/auth/me')
            .set('Authorization', `Bearer ${'x'.repeat(8000)}`),
      ],
      ['a bearer token of dots', () => t.http().get('/api/v1/auth/me').set('Authorization', 'Bearer ...')],
      ['a bad percent-encoding', () => t.http().get('/api/v1/%E0%A4%A')],
      ['a query with brackets', () => t.http().get('/api/v1/auth/me?x[]=1&y[a][b]=2&__proto__[z]=1')],
      ['a garbage cookie', () => t.http().post('/api/v1/auth/refresh').set('Cookie', 'hh_refresh=%ZZ%; other="')],
    ];

    it.each(CASES)('%s', async (_case, send) => {
      const res = await send();
      expect(res.status).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(500);
      if (res.status >= 400) expectProblem(res, res.status);
    });

    it('stored nothing unexpected (the SQL-ish strings were data, not code)', async () => {
      const [count] = await t.sql<{ n: number }>('SELECT COUNT(*) AS n FROM users');
      expect(Number(count?.n)).toBeGreaterThan(0);
    });
  });

  describe('integer query and path parameters are bounded (400 naming the field, never a 5xx)', () => {
    interface Operation {
      method: 'get' | 'post' | 'patch' | 'delete';
      path: string;
      parameters: { name: string; in: string; schema?: { type?: string; maximum?: number } }[];
    }
    const PAGINATED = [
      '/api/v1/calls',
      '/api/v1/numbers',
      '/api/v1/number-requests',
      '/api/v1/admin/users',
      '/api/v1/admin/numbers',
      '/api/v1/admin/number-requests',
      '/api/v1/admin/calls',
      '/api/v1/admin/activity',
    ];
    /** What a query parser could read as a number although it is not a whole number in range. */
    const BAD_INTEGERS = ['100000000000000000000', '9007199254740993', '-1', '0', '1.5', '1e3', '0x10', ' 1', ''];
    let operations: Operation[];

    beforeAll(async () => {
      // Every route of the served document: a new route with an integer parameter is swept without editing this.
      const doc = (await t.http().get('/api/docs-json').expect(200)).body as {
        paths: Record<string, Record<string, { parameters?: Operation['parameters'] }>>;
      };
      operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({
          method: method as Operation['method'],
          path,
          parameters: op.parameters ?? [],
        })),
      );
    });

    /** A fresh admin per route: the sweep must not run into the per-user budget of 100 requests a minute. */
    async function asAdmin(): Promise<string> {
      return (await newAdmin(t)).accessToken;
    }

    function expectFieldProblem(res: Response, field: string, what: string): void {
      expect({ what, status: res.status }).toEqual({ what, status: 400 });
      expectProblem(res, 400);
      expect({ what, errors: res.body.errors }).toEqual({
        what,
        errors: [expect.objectContaining({ field, message: expect.any(String) })],
      });
    }

    it('every paginated route of the contract declares page (≤ 1,000,000) and pageSize (≤ 100)', () => {
      const paginated = operations.filter((op) => op.method === 'get' && op.parameters.some((p) => p.name === 'page'));
      expect(paginated.map((op) => op.path).sort()).toEqual(expect.arrayContaining([...PAGINATED].sort()));
      for (const op of paginated) {
        const page = op.parameters.find((p) => p.name === 'page');
        const pageSize = op.parameters.find((p) => p.name === 'pageSize');
        expect({ path: op.path, page: page?.schema, pageSize: pageSize?.schema }).toEqual({
          path: op.path,
          page: expect.objectContaining({ type: 'integer', maximum: 1_000_000 }),
          pageSize: expect.objectContaining({ type: 'integer', maximum: 100 }),
        });
      }
    });

    it.each(PAGINATED)('GET %s: a huge, negative, fractional or exponent page or pageSize is a 400', async (path) => {
      const token = await asAdmin();
      const get = (query: string) => t.http().get(`${path}?${query}`).set(bearer(token));
      for (const bad of [...BAD_INTEGERS, '1000001']) {
        expectFieldProblem(await get(`page=${encodeURIComponent(bad)}`), 'page', `${path} page=${bad}`);
      }
      for (const bad of ['101', '0', '1e2', '100000000000000000000']) {
        expectFieldProblem(await get(`pageSize=${bad}`), 'pageSize', `${path} pageSize=${bad}`);
      }
      // The bounds themselves are fine: the last allowed page is simply empty.
      const last = await get('page=1000000&pageSize=100').expect(200);
      expect(last.body).toMatchObject({ data: [], meta: { page: 1_000_000, pageSize: 100 } });
    });

    it('every other integer query parameter (userId, ownerId…) is bounded the same way', async () => {
      const filters = operations.flatMap((op) =>
        op.parameters
          .filter((p) => p.in === 'query' && p.schema?.type === 'integer' && !['page', 'pageSize'].includes(p.name))
          .map((p) => ({ op, name: p.name, max: p.schema?.maximum })),
      );
      expect(filters.map((f) => `${f.op.path}?${f.name}`)).toEqual(
        expect.arrayContaining([
          '/api/v1/admin/numbers?ownerId',
          '/api/v1/admin/calls?userId',
          '/api/v1/admin/activity?userId',
        ]),
      );
      for (const { op, name, max } of filters) {
        expect({ what: `${op.path}?${name}`, max }).toEqual({ what: `${op.path}?${name}`, max: 2_147_483_647 });
        const token = await asAdmin();
        for (const bad of [...BAD_INTEGERS, '2147483648']) {
          const res = await t
            .http()
            [op.method](`${op.path}?${name}=${encodeURIComponent(bad)}`)
            .set(bearer(token));
          expectFieldProblem(res, name, `${op.path}?${name}=${bad}`);
        }
      }
    });

    it('every route with an {id} refuses a huge, negative, fractional or exponent id with a 400 naming it', async () => {
      const withId = operations.filter((op) => op.path.includes('{id}'));
      expect(withId.map((op) => `${op.method} ${op.path}`)).toEqual(
        expect.arrayContaining([
          'get /api/v1/calls/{id}',
          'post /api/v1/calls/{id}/digits',
          'patch /api/v1/numbers/{id}',
          'delete /api/v1/number-requests/{id}',
          'delete /api/v1/api-keys/{id}',
          'patch /api/v1/admin/users/{id}',
          'delete /api/v1/admin/numbers/{id}',
          'post /api/v1/admin/number-requests/{id}/approve',
        ]),
      );
      for (const op of withId) {
        const token = await asAdmin();
        for (const bad of ['100000000000000000000', '-1', '0', '1.5', '1e3', '0x10', 'abc']) {
          const req = t
            .http()
            [op.method](op.path.replace('{id}', encodeURIComponent(bad)))
            .set(bearer(token));
          const res = op.method === 'get' || op.method === 'delete' ? await req : await req.send({});
          expectFieldProblem(res, 'id', `${op.method.toUpperCase()} ${op.path} id=${bad}`);
        }
      }
    });
  });

  describe('response headers', () => {
    it('sets helmet’s security headers on API responses and on errors', async () => {
      for (const res of [await t.http().get('/api/v1/health'), await t.http().get('/api/v1/nope')]) {
        expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
        expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
        // Recordings play from blob: URLs; nothing else is widened.
        expect(res.headers['content-security-policy']).toMatch(/media-src 'self' blob:/);
        expect(res.headers['content-security-policy']).toMatch(/connect-src 'self'(;|$)/);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toMatch(/^(DENY|SAMEORIGIN)$/);
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('echoes a well-formed X-Request-Id and generates one otherwise', async () => {
      const echoed = await t.http().get('/api/v1/health').set('X-Request-Id', 'req-abc.123:XYZ');
      expect(echoed.headers['x-request-id']).toBe('req-abc.123:XYZ');
      const onError = await t.http().get('/api/v1/nope').set('X-Request-Id', 'err-req-1');
      expect(onError.headers['x-request-id']).toBe('err-req-1');

      const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
      const first = await t.http().get('/api/v1/health');
      const second = await t.http().get('/api/v1/health');
      expect(first.headers['x-request-id']).toMatch(uuid);
      expect(second.headers['x-request-id']).toMatch(uuid);
      expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
      // Something that could forge log lines is replaced, not echoed.
      const forged = await t.http().get('/api/v1/health').set('X-Request-Id', 'a b"c<script>');
      expect(forged.headers['x-request-id']).toMatch(uuid);
    });
  });

  describe('CORS (CORS_ORIGINS=https://app.example.com)', () => {
    const preflight = (origin: string) =>
      t
        .http()
        .options('/api/v1/auth/login')
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'content-type,authorization');

    it('allows a preflight from the configured origin, with credentials', async () => {
      const res = await preflight(ORIGIN);
      expect(res.status).toBeLessThan(300);
      expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
      expect(res.headers['access-control-allow-credentials']).toBe('true');
      expect(String(res.headers['access-control-allow-methods'])).toMatch(/POST/);
    });

    it('does not allow another origin', async () => {
      for (const origin of ['https://evil.example.com', 'https://app.example.com.evil.io', 'http://app.example.com']) {
        const res = await preflight(origin);
        expect(res.status).toBeLessThan(500);
        expect(res.headers['access-control-allow-origin']).toBeUndefined();
      }
      const simple = await t.http().get('/api/v1/health').set('Origin', 'https://evil.example.com');
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('exposes the rate-limit and request-id headers to the allowed origin', async () => {
      const res = await t.http().get('/api/v1/health').set('Origin', ORIGIN);
      expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
      const exposed = String(res.headers['access-control-expose-headers']).toLowerCase();
      for (const header of [
        'x-ratelimit-limit',
        'x-ratelimit-remaining',
        'x-ratelimit-reset',
        'retry-after',
        'x-request-id',
      ]) {
        expect(exposed).toContain(header);
      }
    });
  });

  describe('per-user rate limit: 100 authenticated requests per minute', () => {
    it('carries X-RateLimit-Limit=100 on every authenticated response, errors included', async () => {
      const user = await signUp(t);
      const ok = await t.http().get('/api/v1/auth/me').set(bearer(user.accessToken)).expect(200);
      expect(ok.headers['x-ratelimit-limit']).toBe('100');
      expect(ok.headers['x-ratelimit-remaining']).toBe('99');
      expect(Number(ok.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
      const invalid = await t.http().patch('/api/v1/me').set(bearer(user.accessToken)).send({ name: 'A' });
      expectProblem(invalid, 400);
      expect(invalid.headers['x-ratelimit-limit']).toBe('100');
      expect(invalid.headers['x-ratelimit-remaining']).toBe('98');
    });

    it('answers the 101st request of a user with 429, across two sessions, while another user is unaffected', async () => {
      const user = await activeClient(t);
      const second = await logIn(t, user.user.email, user.password, nextIp());
      const bystander = await activeClient(t);
      const tokens = [user.accessToken, second.accessToken];

      const remaining: number[] = [];
      for (let i = 0; i < 100; i++) {
        const res = await t
          .http()
          .get('/api/v1/auth/me')
          .set('X-Forwarded-For', nextIp()) // a user's budget follows the user, not the address
          .set(bearer(tokens[i % 2] as string));
        expect(res.status).toBe(200);
        remaining.push(Number(res.headers['x-ratelimit-remaining']));
      }
      expect(remaining[0]).toBe(99);
      expect(remaining[99]).toBe(0);

      for (const token of tokens) {
        const blocked = await t.http().get('/api/v1/auth/me').set(bearer(token));
        expectProblem(blocked, 429);
        const retryAfter = Number(blocked.headers['retry-after']);
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(60);
        expect(blocked.headers['x-ratelimit-remaining']).toBe('0');
      }
      expectProblem(await t.http().patch('/api/v1/me').set(bearer(user.accessToken)).send({ name: 'Blocked' }), 429);

      const other = await t.http().get('/api/v1/auth/me').set(bearer(bystander.accessToken)).expect(200);
      expect(other.headers['x-ratelimit-remaining']).toBe('99');
      // Health is never limited.
      await t.http().get('/api/v1/health').expect(200);
    });
  });

  describe('OpenAPI', () => {
    it('serves an OpenAPI 3 document with both auth schemes and every route', async () => {
      const res = await t.http().get('/api/docs-json').expect(200);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      const doc = res.body;
      expect(doc.openapi).toMatch(/^3\./);
      expect(doc.components.securitySchemes.session).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(doc.components.securitySchemes['api-key']).toMatchObject({
        type: 'apiKey',
        in: 'header',
        name: 'X-API-Key',
      });
      const expected: [string, string][] = [
        ['/api/v1/auth/login', 'post'],
        ['/api/v1/auth/signup', 'post'],
        ['/api/v1/auth/refresh', 'post'],
        ['/api/v1/auth/logout', 'post'],
        ['/api/v1/auth/me', 'get'],
        ['/api/v1/me', 'patch'],
        ['/api/v1/me/password', 'post'],
        ['/api/v1/health', 'get'],
      ];
      for (const [path, method] of expected) {
        expect(doc.paths[path]?.[method]).toBeDefined();
      }
      // Authenticated routes say so; public ones declare that they need nothing.
      expect(doc.paths['/api/v1/auth/me'].get.security).toEqual(expect.arrayContaining([{ session: [] }]));
      expect(doc.paths['/api/v1/auth/login'].post.security).toEqual([]);
      expect(Object.keys(doc.paths['/api/v1/auth/login'].post.responses)).toEqual(
        expect.arrayContaining(['200', '400', '401', '403', '429']),
      );
    });

    it('serves Swagger UI as HTML', async () => {
      const res = await t.http().get('/api/docs').redirects(2).expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toMatch(/swagger/i);
    });
  });
});

describe('serving the built web app (WEB_DIST_PATH)', () => {
  let t: TestApp;
  let dir: string;
  const INDEX = '<!doctype html><html><head><title>Portal</title></head><body><hh-root></hh-root></body></html>';
  const BUNDLE = 'console.log("hardhat");';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hh-web-'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'main-ABCDEFGH.js'), BUNDLE);
    t = await startTestApp({ WEB_DIST_PATH: dir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['/', '/voip', '/voip/auth', '/voip/dashboard', '/voip/admin/users'])(
    'GET %s answers index.html',
    async (url) => {
      const res = await t.http().get(url).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toBe(INDEX);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toBeDefined();
    },
  );

  it('serves a built file with a long cache lifetime', async () => {
    const res = await t.http().get('/main-ABCDEFGH.js').expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.text).toBe(BUNDLE);
    expect(res.headers['cache-control']).toMatch(/immutable/);
  });

  it('keeps API 404s as problems and does not serve index.html for them', async () => {
    expectProblem(await t.http().get('/api/v1/nope'), 404);
    expectProblem(await t.http().get('/main-MISSING0.js'), 404);
    await t.http().get('/api/v1/health').expect(200);
  });

  it('never serves files from outside the folder', async () => {
    for (const url of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/voip/../../etc/passwd']) {
      const res = await t.http().get(url);
      expect(res.status).toBeLessThan(500);
      expect(res.text).not.toMatch(/root:|"name":/);
    }
  });
});
