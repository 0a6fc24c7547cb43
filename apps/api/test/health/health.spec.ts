import type { Response } from 'supertest';
import { startTestApp, testDbServer, TestApp } from '../support/test-app';
import { bearer, signUp } from '../support/accounts';
import { expectProblem, nextIp } from '../support/http';
import { TcpProxy } from '../support/tcp-proxy';

/** Repeats `send` until `done` holds for its response, or fails with the last response after `timeoutMs`. */
async function pollUntil(send: () => Promise<Response>, done: (res: Response) => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last = await send();
  while (!done(last)) {
    if (Date.now() > deadline) {
      throw new Error(`Gave up after ${timeoutMs} ms; last answer ${last.status} ${JSON.stringify(last.body)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
    last = await send();
  }
  return last;
}

describe('GET /api/v1/health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers 200 {status: ok, db: up} without authentication, uncached and unthrottled', async () => {
    for (let i = 0; i < 120; i++) {
      const res = await t.http().get('/api/v1/health');
      expect(res.status).toBe(200);
      if (i === 0) {
        expect(res.body).toEqual({ status: 'ok', db: 'up' });
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.headers['cache-control']).toBe('no-store');
      }
    }
  });

  it('ignores a bad credential (it is public)', async () => {
    await t.http().get('/api/v1/health').set('Authorization', 'Bearer garbage').expect(200);
  });
});

describe('database outage and recovery, without a restart', () => {
  const server = testDbServer();
  const proxy = new TcpProxy(server.host, server.port);
  let t: TestApp;

  beforeAll(async () => {
    // The app (and its migration) reach MariaDB only through the proxy; the spec's own SQL goes direct.
    const port = await proxy.start();
    t = await startTestApp({ MARIADB_PORT: String(port), TRUST_PROXY: 'loopback' });
  });
  afterAll(async () => {
    if (!proxy.port || !t) return;
    await proxy.start().catch(() => undefined);
    await t.close();
    await proxy.stop();
  });

  it('answers 503 while MariaDB is unreachable, 503 problems on other routes, and recovers by itself', async () => {
    const account = await signUp(t);
    const health = () => t.http().get('/api/v1/health');
    const login = () =>
      t
        .http()
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', nextIp())
        .send({ email: account.user.email, password: 'Wrong-Passw0rd' });
    await health().expect(200);

    // Warm the pool so that the cut leaves dead connections in it.
    await Promise.all([login(), login(), health(), health()]);
    await proxy.stop();

    // The first requests after the cut meet those dead pooled connections: still 503s, never 500s.
    for (let i = 0; i < 6; i++) {
      const res = await (i % 2 === 0 ? login() : t.http().get('/api/v1/auth/me').set(bearer(account.accessToken)));
      expectProblem(res, 503, 'The database is unreachable; try again shortly');
    }
    const down = await pollUntil(health, (res) => res.status !== 200, 10_000);
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ status: 'error', db: 'down' });
    // Each check answers within its own timeout, not the driver's.
    const started = Date.now();
    await health().expect(503);
    expect(Date.now() - started).toBeLessThan(4_000);

    const failedLogin = await login();
    expectProblem(failedLogin, 503);
    expect(failedLogin.body.detail).not.toMatch(/ECONN|mysql|mariadb|127\.0\.0\.1|\d{4,5}/i);
    const me = await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${account.accessToken}`);
    expectProblem(me, 503);
    const signup = await t
      .http()
      .post('/api/v1/auth/signup')
      .send({ name: 'Outage', email: 'outage@example.com', password: 'Lantern-Osprey-7' });
    expectProblem(signup, 503);

    await proxy.start();

    const up = await pollUntil(health, (res) => res.status === 200, 15_000);
    expect(up.body).toEqual({ status: 'ok', db: 'up' });
    // Other routes work again too.
    await pollUntil(
      () => t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${account.accessToken}`),
      (res) => res.status === 200,
      10_000,
    );
    expectProblem(await login(), 401, 'Invalid email or password');
  });
});
