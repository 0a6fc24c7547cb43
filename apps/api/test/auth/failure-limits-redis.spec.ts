import { randomBytes } from 'node:crypto';
import { FAILURE_LIMITS } from '@hh/contracts';
import { startTestApp, TestApp } from '../support/test-app';
import { signUp, SignedUp } from '../support/accounts';
import { expectProblem, randomIp } from '../support/http';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/**
 * The failure limits (failed sign-ins per account, failed authentications per IP) live in Redis when REDIS_URL is
 * set, so failures on one instance block the subject on every instance. Each run uses its own emails and addresses.
 */
describe('failure limits shared through Redis (REDIS_URL)', () => {
  let first: TestApp;
  let second: TestApp;
  let account: SignedUp;
  beforeAll(async () => {
    const env = { REDIS_URL, TRUST_PROXY: 'loopback', JWT_SECRET: randomBytes(32).toString('base64url') };
    first = await startTestApp(env, { keepDatabase: true });
    second = await startTestApp(env, { database: first.database });
    account = await signUp(first, { ip: randomIp(), email: `redis.${randomBytes(6).toString('hex')}@example.com` });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close(); // drops the shared database
  });

  it('counts failed sign-ins of one account on both instances, then blocks it on both', async () => {
    const { limit } = FAILURE_LIMITS.loginAccount;
    for (let i = 0; i < limit; i += 1) {
      const app = i % 2 === 0 ? first : second;
      await app
        .http()
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', randomIp())
        .send({ email: account.user.email, password: 'Wrong-Passw0rd' })
        .expect(401);
    }
    for (const app of [first, second]) {
      const res = await app
        .http()
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', randomIp())
        .send({ email: account.user.email, password: account.password });
      expectProblem(res, 429, /^Too many failed sign-ins for this account/);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('counts failed authentications of one address on both instances, then blocks it on both', async () => {
    const { limit } = FAILURE_LIMITS.authentication;
    const ip = randomIp();
    for (let i = 0; i < limit; i += 1) {
      const app = i % 2 === 0 ? first : second;
      await app.http().get('/api/v1/auth/me').set('X-Forwarded-For', ip).set('Authorization', 'Bearer bad').expect(401);
    }
    for (const app of [first, second]) {
      const res = await app
        .http()
        .get('/api/v1/auth/me')
        .set('X-Forwarded-For', ip)
        .set('Authorization', `Bearer ${account.accessToken}`);
      expectProblem(res, 429, /^Too many failed authentications from this address/);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    await first
      .http()
      .get('/api/v1/auth/me')
      .set('X-Forwarded-For', randomIp())
      .set('Authorization', `Bearer ${account.accessToken}`)
      .expect(200);
  });
});
