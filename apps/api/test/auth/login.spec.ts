import { startTestApp, TestApp } from '../support/test-app';
import { activeClient, signUp } from '../support/accounts';
import { expectProblem, nextIp } from '../support/http';

interface ActivityRow {
  action: string;
  user_id: number | null;
  ip_address: string | null;
  user_agent: string | null;
  details: string | Record<string, unknown> | null;
}

describe('POST /api/v1/auth/login', () => {
  // TRUST_PROXY lets each test bring its own client address, hence its own login budget (5 per 15 minutes).
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  const login = (ip: string, body: unknown, userAgent = 'login-spec') =>
    t
      .http()
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', ip)
      .set('User-Agent', userAgent)
      .send(body as object);

  const activity = (action: string, ip: string) =>
    t.sql<ActivityRow>(
      'SELECT action, user_id, ip_address, user_agent, details FROM activity_logs WHERE action = ? AND ip_address = ?',
      [action, ip],
    );

  it('signs in with the signup shape, records lastLogin, sets the cookie and logs the login', async () => {
    const account = await signUp(t);
    const ip = nextIp();
    const before = Date.now();
    const res = await login(
      ip,
      { email: `  ${account.user.email.toUpperCase()} `, password: account.password },
      'UA/1.0',
    ).expect(200);

    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({
      user: {
        id: account.user.id,
        name: account.user.name,
        email: account.user.email,
        role: 'client',
        status: 'pending',
        signupDate: account.user.signupDate,
        lastLogin: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        createdAt: account.user.createdAt,
        emailVerified: false,
      },
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      refreshToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: 3600,
    });
    expect(res.body.refreshToken.length).toBeGreaterThanOrEqual(32);
    expect(res.body.refreshToken).not.toBe(account.refreshToken);
    const lastLogin = Date.parse(res.body.user.lastLogin);
    expect(lastLogin).toBeGreaterThanOrEqual(before - 1000);
    expect(lastLogin).toBeLessThanOrEqual(Date.now() + 1000);

    const [row] = await t.sql<{ last_login: Date }>('SELECT last_login FROM users WHERE id = ?', [account.user.id]);
    expect(row?.last_login.toISOString()).toBe(res.body.user.lastLogin);

    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain(`hh_refresh=${res.body.refreshToken}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/v1\/auth/);
    expect(cookie).not.toMatch(/Secure/i);

    const rows = await activity('login', ip);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: account.user.id, ip_address: ip, user_agent: 'UA/1.0' });

    const me = await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body.id).toBe(account.user.id);
  });

  it.each([
    ['an unknown email', () => ({ email: 'nobody@example.com', password: 'Lantern-Osprey-7' }), 'unknown_email'],
    ['a wrong password', (email: string) => ({ email, password: 'Lantern-Osprey-8' }), 'wrong_password'],
  ])('answers 401 "Invalid email or password" for %s and logs login_failed', async (_case, body, reason) => {
    const account = await signUp(t);
    const ip = nextIp();
    const res = await login(ip, body(account.user.email)).expect(401);
    expectProblem(res, 401, 'Invalid email or password');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.body).not.toHaveProperty('accessToken');

    const rows = await activity('login_failed', ip);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.ip_address).toBe(ip);
    expect(rows[0]?.user_agent).toBe('login-spec');
    expect(rows[0]?.user_id).toBe(reason === 'wrong_password' ? account.user.id : null);
    expect(await activity('login', ip)).toHaveLength(0);
    const [user] = await t.sql<{ last_login: Date | null }>('SELECT last_login FROM users WHERE id = ?', [
      account.user.id,
    ]);
    expect(user?.last_login).toBeNull();
  });

  it('refuses a suspended account with 403 once the password is right, and with the usual 401 when it is not', async () => {
    const account = await activeClient(t);
    await t.sql("UPDATE users SET status = 'suspended' WHERE id = ?", [account.user.id]);
    const ip = nextIp();

    const wrong = await login(ip, { email: account.user.email, password: 'Wrong-Passw0rd' }).expect(401);
    expectProblem(wrong, 401, 'Invalid email or password');

    const res = await login(ip, { email: account.user.email, password: account.password }).expect(403);
    expectProblem(res, 403, /suspended/);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(await activity('login', ip)).toHaveLength(0);
    expect(await activity('login_failed', ip)).toHaveLength(2);
    const sessions = await t.sql('SELECT id FROM auth_sessions WHERE user_id = ? AND ip_address = ?', [
      account.user.id,
      ip,
    ]);
    expect(sessions).toHaveLength(0);
  });

  it('lets a pending user sign in', async () => {
    const account = await signUp(t);
    expect(account.user.status).toBe('pending');
    const res = await login(nextIp(), { email: account.user.email, password: account.password }).expect(200);
    expect(res.body.user).toMatchObject({ id: account.user.id, status: 'pending' });
  });

  it('lets an active user sign in', async () => {
    const account = await activeClient(t);
    const res = await login(nextIp(), { email: account.user.email, password: account.password }).expect(200);
    expect(res.body.user).toMatchObject({ id: account.user.id, status: 'active' });
  });

  it.each([
    [{ password: 'Lantern-Osprey-7' }, 'email', 'is required'],
    [{ email: 'x@example.com' }, 'password', 'is required'],
    [{ email: 'not-an-email', password: 'Lantern-Osprey-7' }, 'email', 'must be an email address'],
    [{ email: 42, password: 'Lantern-Osprey-7' }, 'email', expect.any(String)],
    [{ email: 'x@example.com', password: ['Lantern-Osprey-7'] }, 'password', expect.any(String)],
    [{ email: { $ne: '' }, password: { $ne: '' } }, 'email', expect.any(String)],
    [{ email: 'x@example.com', password: '' }, 'password', expect.stringMatching(/longer than or equal to 1/)],
    [{ email: 'x@example.com', password: 'A1' + 'x'.repeat(99) }, 'password', expect.stringMatching(/shorter/)],
    [{ email: 'x@example.com', password: 'Lantern-Osprey-7', remember: true }, 'remember', 'is not allowed'],
  ])('refuses %j with a 400 naming %s', async (body, field, message) => {
    const res = await login(nextIp(), body).expect(400);
    expectProblem(res, 400);
    expect(res.body.errors).toContainEqual({ field, message });
  });

  describe('rate limit: 5 attempts per 15 minutes per client IP', () => {
    it('counts every attempt, successful ones too, and answers the 6th with 429 and Retry-After', async () => {
      const account = await signUp(t);
      const ip = nextIp();
      const good = { email: account.user.email, password: account.password };
      const bad = { email: account.user.email, password: 'Wrong-Passw0rd' };

      const statuses: number[] = [];
      const remaining: string[] = [];
      for (const body of [good, bad, good, bad, good]) {
        const res = await login(ip, body);
        statuses.push(res.status);
        remaining.push(res.headers['x-ratelimit-remaining']);
        expect(res.headers['x-ratelimit-limit']).toBe('5');
        expect(Number(res.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
      }
      expect(statuses).toEqual([200, 401, 200, 401, 200]);
      expect(remaining).toEqual(['4', '3', '2', '1', '0']);

      const blocked = await login(ip, good).expect(429);
      expectProblem(blocked, 429);
      const retryAfter = Number(blocked.headers['retry-after']);
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(blocked.headers['x-ratelimit-limit']).toBe('5');
      expect(blocked.headers['x-ratelimit-remaining']).toBe('0');
      expect(Number(blocked.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
      expect(blocked.headers['set-cookie']).toBeUndefined();
      // The refused attempt did not reach the account.
      expect(await activity('login', ip)).toHaveLength(3);

      // Still blocked, whatever the body.
      expectProblem(await login(ip, { email: 'other@example.com', password: 'x' }), 429);
      // Another address has its own budget.
      await login(nextIp(), good).expect(200);
    });

    it('takes the client IP from the right-most address no trusted proxy added, so a forged left-most one changes nothing', async () => {
      const account = await signUp(t);
      const good = { email: account.user.email, password: account.password };
      const client = nextIp();
      const other = nextIp();
      const forged = () => nextIp();
      // The trusted proxy (loopback here) appends the address it saw; whatever the client wrote before it is ignored.
      for (let i = 0; i < 5; i++) {
        await t
          .http()
          .post('/api/v1/auth/login')
          .set('X-Forwarded-For', `${forged()}, ${client}`)
          .send(good)
          .expect(200);
      }
      await t.http().post('/api/v1/auth/login').set('X-Forwarded-For', `${forged()}, ${client}`).send(good).expect(429);
      // Another client behind the same proxy: a fresh budget.
      const fresh = await t
        .http()
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', `${forged()}, ${other}`)
        .send(good)
        .expect(200);
      expect(fresh.headers['x-ratelimit-remaining']).toBe('4');

      expect(await activity('login', client)).toHaveLength(5);
      expect(await activity('login', other)).toHaveLength(1);
      const sessions = await t.sql<{ ip_address: string }>(
        'SELECT ip_address FROM auth_sessions WHERE user_id = ? ORDER BY created_at',
        [account.user.id],
      );
      expect(sessions.map((s) => s.ip_address)).toEqual([
        expect.any(String), // the signup's session
        client,
        client,
        client,
        client,
        client,
        other,
      ]);
    });
  });
});

describe('POST /api/v1/auth/login without TRUST_PROXY', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('ignores X-Forwarded-For: every address shares the socket address budget and the socket address is logged', async () => {
    const account = await signUp(t);
    const good = { email: account.user.email, password: account.password };
    for (let i = 0; i < 5; i++) {
      await t.http().post('/api/v1/auth/login').set('X-Forwarded-For', nextIp()).send(good).expect(200);
    }
    const res = await t.http().post('/api/v1/auth/login').set('X-Forwarded-For', nextIp()).send(good).expect(429);
    expectProblem(res, 429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);

    const rows = await t.sql<{ ip_address: string }>("SELECT ip_address FROM activity_logs WHERE action = 'login'");
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(row.ip_address).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
  });
});
