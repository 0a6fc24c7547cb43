import { randomBytes, randomInt } from 'node:crypto';
import { startTestApp, TestApp } from '../support/test-app';
import { signUp, SignedUp } from '../support/accounts';
import { expectProblem, randomIp } from '../support/http';
import { TcpProxy } from '../support/tcp-proxy';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/**
 * Two instances on one database, both keeping their counters in Redis, must share one budget per client IP
 * (and per user). Redis keeps the counters for the whole window, so every run uses addresses of its own.
 */
describe('rate limits shared through Redis (REDIS_URL)', () => {
  let first: TestApp;
  let second: TestApp;
  let account: SignedUp;
  beforeAll(async () => {
    // Instances behind one load balancer share the JWT secret too, or a token would only work where it was issued.
    const env = { REDIS_URL, TRUST_PROXY: 'loopback', JWT_SECRET: randomBytes(32).toString('base64url') };
    first = await startTestApp(env, { keepDatabase: true });
    second = await startTestApp(env, { database: first.database });
    // Per-user counters are keyed by user id: start this run's ids where no earlier run's are.
    await first.sql(`ALTER TABLE users AUTO_INCREMENT = ${randomInt(1_000_000, 1_000_000_000)}`);
    account = await signUp(first, { ip: randomIp() });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close(); // drops the shared database
  });

  const login = (app: TestApp, ip: string, password = account.password) =>
    app.http().post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ email: account.user.email, password });

  it('shares the login budget: 3 attempts on one instance and 2 on the other use it up, the 6th is 429', async () => {
    const ip = randomIp();
    const statuses: number[] = [];
    const remaining: string[] = [];
    for (const [app, password] of [
      [first, account.password],
      [first, 'Wrong-Passw0rd'],
      [first, account.password],
      [second, 'Wrong-Passw0rd'],
      [second, account.password],
    ] as const) {
      const res = await login(app, ip, password);
      statuses.push(res.status);
      remaining.push(res.headers['x-ratelimit-remaining']);
    }
    expect(statuses).toEqual([200, 401, 200, 401, 200]);
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);

    const blocked = await login(second, ip);
    expectProblem(blocked, 429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    // Blocked on both instances.
    expectProblem(await login(first, ip), 429);

    // Another address is unaffected, on either instance.
    await login(first, randomIp()).expect(200);
    await login(second, randomIp()).expect(200);
  });

  it('shares the per-user budget of 100 requests per minute across instances and sessions', async () => {
    const user = await signUp(second, { ip: randomIp() });
    const other = await first
      .http()
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', randomIp())
      .send({ email: user.user.email, password: user.password })
      .expect(200);
    const sessions: [TestApp, string][] = [
      [first, user.accessToken],
      [second, other.body.accessToken as string],
    ];
    for (let i = 0; i < 100; i++) {
      const [app, token] = sessions[i % 2] as [TestApp, string];
      const res = await app.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
      if (i === 99) expect(res.headers['x-ratelimit-remaining']).toBe('0');
    }
    for (const [app, token] of sessions) {
      const blocked = await app.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
      expectProblem(blocked, 429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    }
  });
});

describe('rate limits while Redis is unreachable', () => {
  const redis = new URL(REDIS_URL);
  const proxy = new TcpProxy(redis.hostname, Number(redis.port || 6379));
  let viaProxy: TestApp;
  let direct: TestApp;
  let account: SignedUp;
  beforeAll(async () => {
    const port = await proxy.start();
    const env = { TRUST_PROXY: 'loopback', JWT_SECRET: randomBytes(32).toString('base64url') };
    viaProxy = await startTestApp({ ...env, REDIS_URL: `redis://127.0.0.1:${port}` }, { keepDatabase: true });
    direct = await startTestApp({ ...env, REDIS_URL }, { database: viaProxy.database });
    account = await signUp(direct, { ip: randomIp() });
  });
  afterAll(async () => {
    await proxy.start().catch(() => undefined);
    await viaProxy?.close();
    await direct?.close();
    await proxy.stop();
  });

  const login = (app: TestApp, ip: string) =>
    app
      .http()
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', ip)
      .send({ email: account.user.email, password: account.password });

  it('keeps answering (never a 5xx) and keeps limiting per instance, then shares again once Redis is back', async () => {
    await login(viaProxy, randomIp()).expect(200);
    await proxy.stop();

    const ip = randomIp();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await login(viaProxy, ip)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    await viaProxy.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${account.accessToken}`).expect(200);

    await proxy.start();
    // Back to one budget: an attempt on the proxied instance shows in the other instance's count.
    const deadline = Date.now() + 15_000;
    for (;;) {
      const probe = randomIp();
      await login(viaProxy, probe).expect(200);
      const seen = await login(direct, probe).expect(200);
      if (seen.headers['x-ratelimit-remaining'] === '3') break;
      if (Date.now() > deadline) throw new Error('The instance did not go back to Redis within 15 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });
});
