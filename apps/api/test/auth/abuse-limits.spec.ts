import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { FAILURE_LIMITS, RATE_LIMITS } from '@hh/contracts';
import { startTestApp, TestApp } from '../support/test-app';
import { activeClient, bearer, signUp } from '../support/accounts';
import { expectProblem, nextIp } from '../support/http';

/**
 * The limits on guessing and on expensive requests: failed sign-ins per account (across client IPs), sign-ups
 * per IP, password changes per user, failed authentications per IP, and text/csv refused before it is read.
 */
describe('abuse limits', () => {
  // TRUST_PROXY lets each request bring its own client address (X-Forwarded-For from loopback).
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  const login = (ip: string, email: string, password: string) =>
    t.http().post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ email, password });

  const expectRetryAfter = (res: { headers: Record<string, string> }, atMostSeconds: number) => {
    const seconds = Number(res.headers['retry-after']);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(atMostSeconds);
  };

  describe('failed sign-ins per account', () => {
    const { limit, windowMs } = FAILURE_LIMITS.loginAccount;

    it(`answers 429 with Retry-After after ${limit} failures from as many IPs, even to the right password`, async () => {
      const account = await activeClient(t);
      const sessionsBefore = await t.sql('SELECT id FROM auth_sessions WHERE user_id = ?', [account.user.id]);
      for (let i = 0; i < limit; i += 1) {
        // Case and spaces do not make another account: the count is per normalised email.
        const email = i % 2 === 0 ? account.user.email : `  ${account.user.email.toUpperCase()} `;
        expectProblem(await login(nextIp(), email, `Wrong-Passw0rd-${i}`), 401, 'Invalid email or password');
      }

      const refused = await login(nextIp(), account.user.email, account.password);
      expectProblem(refused, 429, /^Too many failed sign-ins for this account \(10 per 15 minutes\); try again in/);
      expectRetryAfter(refused, windowMs / 1000);
      expect(refused.body).not.toHaveProperty('accessToken');
      expect(await t.sql('SELECT id FROM auth_sessions WHERE user_id = ?', [account.user.id])).toEqual(sessionsBefore);

      // Another account is not affected.
      const other = await activeClient(t);
      await login(nextIp(), other.user.email, other.password).expect(200);
    });

    it('treats an unknown email exactly like a known one, so the limit tells nothing about who has an account', async () => {
      const known = await activeClient(t);
      const unknown = `nobody.${Date.now()}@example.com`;
      const answers: Record<string, { status: number; detail: string; retryAfter: string | undefined }[]> = {};
      for (const email of [known.user.email, unknown]) {
        answers[email] = [];
        for (let i = 0; i <= limit; i += 1) {
          const res = await login(nextIp(), email, 'Wrong-Passw0rd-1');
          answers[email]?.push({
            status: res.status,
            detail: res.body.detail,
            retryAfter: res.headers['retry-after'] === undefined ? undefined : 'set',
          });
        }
      }
      expect(answers[unknown]).toEqual(answers[known.user.email]);
      expect(answers[unknown]?.map((a) => a.status)).toEqual([...Array(limit).fill(401), 429]);
    });

    it('does not count successful sign-ins', async () => {
      const account = await activeClient(t);
      for (let i = 0; i < limit + 2; i += 1) await login(nextIp(), account.user.email, account.password).expect(200);
      await login(nextIp(), account.user.email, 'Wrong-Passw0rd-1').expect(401);
    });
  });

  describe('sign-ups per client IP', () => {
    it(`allows ${RATE_LIMITS.signup.limit} per hour from one address, then 429 with Retry-After`, async () => {
      const ip = nextIp();
      // Invalid sign-ups cost no bcrypt work and do not use up the budget.
      for (let i = 0; i < RATE_LIMITS.signup.limit + 1; i += 1) {
        const res = await t
          .http()
          .post('/api/v1/auth/signup')
          .set('X-Forwarded-For', ip)
          .send({ name: 'Short Password', email: `short.${i}@example.com`, password: 'short' });
        expectProblem(res, 400);
      }
      for (let i = 0; i < RATE_LIMITS.signup.limit; i += 1) await signUp(t, { ip });
      const res = await t
        .http()
        .post('/api/v1/auth/signup')
        .set('X-Forwarded-For', ip)
        .send({ name: 'One Too Many', email: `too.many.${Date.now()}@example.com`, password: 'Lantern-Osprey-7' });
      expectProblem(res, 429, /^Too many sign-ups from this address \(10 per hour\); try again in/);
      expectRetryAfter(res, RATE_LIMITS.signup.windowMs / 1000);
      // Another address still signs up.
      await signUp(t, { ip: nextIp() });
    });
  });

  describe('password changes per user', () => {
    it(`allows ${RATE_LIMITS.password.limit} valid attempts per 15 minutes (wrong current passwords too), then 429`, async () => {
      const account = await signUp(t);
      const change = (currentPassword: string) =>
        t
          .http()
          .post('/api/v1/me/password')
          .set(bearer(account.accessToken))
          .set('X-Forwarded-For', nextIp())
          .send({ currentPassword, newPassword: 'N3w-Lantern-Osprey' });
      // A malformed body costs no bcrypt work and does not use up the budget.
      for (let i = 0; i < RATE_LIMITS.password.limit + 1; i += 1) {
        const res = await t
          .http()
          .post('/api/v1/me/password')
          .set(bearer(account.accessToken))
          .send({ currentPassword: account.password, newPassword: 'short' });
        expectProblem(res, 400);
      }
      for (let i = 0; i < RATE_LIMITS.password.limit; i += 1) {
        expectProblem(await change(`Wrong-Passw0rd-${i}`), 400, 'currentPassword is incorrect');
      }
      const res = await change(account.password);
      expectProblem(res, 429, /^Too many password changes \(5 per 15 minutes\); try again in/);
      expectRetryAfter(res, RATE_LIMITS.password.windowMs / 1000);
      // The password did not change.
      await login(nextIp(), account.user.email, account.password).expect(200);
    });
  });

  describe('failed authentications per client IP', () => {
    const { limit, windowMs } = FAILURE_LIMITS.authentication;

    it(`answers 429 with Retry-After after ${limit} bad tokens or keys, to every credential from that address`, async () => {
      const account = await activeClient(t);
      const key = await t
        .http()
        .post('/api/v1/api-keys')
        .set(bearer(account.accessToken))
        .send({ keyName: 'abuse' })
        .expect(201);
      const ip = nextIp();
      const get = (headers: Record<string, string>) =>
        t.http().get('/api/v1/auth/me').set('X-Forwarded-For', ip).set(headers);
      const getNumbers = (headers: Record<string, string>) =>
        t.http().get('/api/v1/numbers').set('X-Forwarded-For', ip).set(headers);

      for (let i = 0; i < limit; i += 1) {
        const res =
          i % 3 === 0
            ? await get(bearer(`${account.accessToken}x`))
            : i % 3 === 1
              ? await getNumbers({ 'X-API-Key': `hh_${'a'.repeat(40)}${i}` })
              : await getNumbers(bearer('not.a.jwt'));
        expectProblem(res, 401);
      }
      // A request without any credential tries nothing, and is not counted.
      expectProblem(await get({}), 401);

      const bad = await get(bearer(`${account.accessToken}x`));
      expectProblem(bad, 429, /^Too many failed authentications from this address \(30 per 5 minutes\)/);
      expectRetryAfter(bad, windowMs / 1000);
      // A right credential gets the same answer: guesses cannot be told apart while the address is blocked.
      expectProblem(await get(bearer(account.accessToken)), 429);
      expectProblem(await getNumbers({ 'X-API-Key': key.body.key }), 429);

      // Another address is not affected.
      await t
        .http()
        .get('/api/v1/auth/me')
        .set('X-Forwarded-For', nextIp())
        .set(bearer(account.accessToken))
        .expect(200);
      await t.http().get('/api/v1/numbers').set('X-Forwarded-For', nextIp()).set('X-API-Key', key.body.key).expect(200);
    });
  });

  describe('text/csv outside the import route', () => {
    it('is refused with 415 before the body is read', async () => {
      const account = await activeClient(t);
      const server = t.app.getHttpServer();
      if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      // Declares 900 KB but sends 10 bytes: a route that read the body first would wait for the rest.
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(
            [
              'POST /api/v1/number-requests HTTP/1.1',
              'Host: localhost',
              `Authorization: Bearer ${account.accessToken}`,
              'Content-Type: text/csv',
              'Content-Length: 900000',
              '',
              'a,b,c\n1,2,',
            ].join('\r\n'),
          );
        });
        let received = '';
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => {
          received += chunk;
          if (received.includes('\r\n\r\n')) {
            socket.destroy();
            resolve(received);
          }
        });
        socket.on('error', reject);
        socket.setTimeout(3000, () => {
          socket.destroy();
          reject(new Error('no answer within 3 s: the body was being read'));
        });
      });
      expect(answer).toMatch(/^HTTP\/1\.1 415 /);
      expect(answer).toMatch(/content-type: application\/problem\+json/i);
    });
  });
});
