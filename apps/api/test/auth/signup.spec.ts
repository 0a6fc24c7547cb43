import { startTestApp, TestApp } from '../support/test-app';
import { signUp } from '../support/accounts';
import { nextIp } from '../support/http';

describe('POST /api/v1/auth/signup', () => {
  // Sign-ups are limited per client IP: TRUST_PROXY lets each request bring its own (X-Forwarded-For).
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  it('creates a pending client, signs them in and sets the refresh cookie', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/signup')
      .set('User-Agent', 'signup-spec')
      .send({ name: '  Jane Doe  ', email: 'Jane.Doe@Example.COM', password: 'Lantern-Osprey-7' })
      .expect(201);
    expect(res.body).toMatchObject({
      user: { name: 'Jane Doe', email: 'jane.doe@example.com', role: 'client', status: 'pending', lastLogin: null },
      tokenType: 'Bearer',
      expiresIn: 3600,
    });
    expect(res.body.user).not.toHaveProperty('passwordHash');
    expect(typeof res.body.accessToken).toBe('string');
    expect(res.body.refreshToken.length).toBeGreaterThanOrEqual(32);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/hh_refresh=[^;]+/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/v1\/auth/);

    const [row] = await t.sql<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = ?', [
      res.body.user.id,
    ]);
    expect(row?.password_hash).toMatch(/^\$2b\$04\$/);
    const [activity] = await t.sql<{ action: string; ip_address: string; user_agent: string }>(
      "SELECT action, ip_address, user_agent FROM activity_logs WHERE user_id = ? AND action = 'signup'",
      [res.body.user.id],
    );
    expect(activity).toMatchObject({ action: 'signup', user_agent: 'signup-spec' });
    expect(activity?.ip_address).toBeTruthy();
    const analytics = await t.sql('SELECT * FROM user_analytics WHERE user_id = ?', [res.body.user.id]);
    expect(analytics).toHaveLength(1);
  });

  it('answers 409 for an email already registered, whatever its case', async () => {
    await signUp(t, { email: 'taken@example.com' });
    const res = await t
      .http()
      .post('/api/v1/auth/signup')
      .send({ name: 'Other', email: 'TAKEN@example.com', password: 'Lantern-Osprey-7' })
      .expect(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual([{ field: 'email', message: 'is already registered' }]);
  });

  it('creates one account when the same email signs up many times at once: the others get 409, never a 5xx', async () => {
    const email = `race.${Date.now()}@example.com`;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        t
          .http()
          .post('/api/v1/auth/signup')
          .set('X-Forwarded-For', nextIp())
          .send({ name: 'Racer', email, password: 'Lantern-Osprey-7' }),
      ),
    );
    expect(answers.map((res) => res.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const rows = await t.sql<{ n: number }>('SELECT COUNT(*) AS n FROM users WHERE email = ?', [email]);
    expect(Number(rows[0]?.n)).toBe(1);
  });

  it.each([
    [
      { name: 'A', email: 'a@example.com', password: 'Lantern-Osprey-7' },
      'name',
      'must be longer than or equal to 2 characters',
    ],
    [
      { name: 'x'.repeat(101), email: 'a@example.com', password: 'Lantern-Osprey-7' },
      'name',
      'must be shorter than or equal to 100 characters',
    ],
    [{ name: 'Ann', email: 'not-an-email', password: 'Lantern-Osprey-7' }, 'email', 'must be an email address'],
    [{ name: 'Ann', email: 'a@example.com', password: 'Sh0rt' }, 'password', 'must be at least 8 characters'],
    [
      { name: 'Ann', email: 'a@example.com', password: 'lantern-osprey-7' },
      'password',
      'must contain an uppercase letter',
    ],
    [{ name: 'Ann', email: 'a@example.com', password: 'Lantern-Osprey' }, 'password', 'must contain a digit'],
    [
      { name: 'Ann', email: 'a@example.com', password: 'Password1' },
      'password',
      'is too common; choose a less guessable password',
    ],
    [
      { name: 'Ann', email: 'a@example.com', password: 'A1' + 'x'.repeat(99) },
      'password',
      'must be at most 100 characters',
    ],
    [{ email: 'a@example.com', password: 'Lantern-Osprey-7' }, 'name', 'is required'],
    [{ name: 'Ann', email: 'a@example.com', password: 'Lantern-Osprey-7', role: 'admin' }, 'role', 'is not allowed'],
  ])('refuses %j with a 400 naming %s', async (body, field, message) => {
    const res = await t.http().post('/api/v1/auth/signup').set('X-Forwarded-For', nextIp()).send(body).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({
      status: 400,
      title: expect.any(String),
      type: expect.stringContaining('validation'),
    });
    expect(res.body.errors).toContainEqual({ field, message });
    const users = await t.sql("SELECT id FROM users WHERE email = 'a@example.com'");
    expect(users).toHaveLength(0);
  });
});
