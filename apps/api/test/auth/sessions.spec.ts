import { createHmac } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { startTestApp, TestApp } from '../support/test-app';
import { activeClient, bearer, logIn, signUp } from '../support/accounts';
import { expectProblem, nextIp } from '../support/http';

const base64url = (value: object | string) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe('sessions: /auth/me, /auth/refresh, /auth/logout', () => {
  let t: TestApp;
  const jwt = new JwtService();
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  const me = (token?: string) => {
    const req = t.http().get('/api/v1/auth/me');
    return token === undefined ? req : req.set('Authorization', `Bearer ${token}`);
  };
  const refresh = (refreshToken: string) => t.http().post('/api/v1/auth/refresh').send({ refreshToken });
  const sessionIdOf = (accessToken: string) => (jwt.decode(accessToken) as { sid: string }).sid;

  /** Claims as the API would issue them for a real, live session. */
  async function liveClaims() {
    const account = await signUp(t);
    const now = Math.floor(Date.now() / 1000);
    return {
      account,
      claims: {
        sub: String(account.user.id),
        sid: sessionIdOf(account.accessToken),
        typ: 'access',
        iss: t.config.jwt.issuer,
        aud: t.config.jwt.audience,
        iat: now,
        exp: now + 600,
      },
    };
  }

  describe('GET /auth/me', () => {
    it('answers the signed-in user', async () => {
      const account = await signUp(t);
      const res = await me(account.accessToken).expect(200);
      expect(res.body).toEqual(account.user);
      expect(res.body).not.toHaveProperty('passwordHash');
    });

    it('answers 401 without a token and with garbage', async () => {
      expectProblem(await me(), 401);
      expectProblem(await me('garbage'), 401);
      expectProblem(await me('a.b.c'), 401);
      expectProblem(await t.http().get('/api/v1/auth/me').set('Authorization', 'Basic dXNlcjpwYXNz'), 401);
    });

    it('accepts a token forged with the real secret and claims (the test below is meaningful)', async () => {
      const { account, claims } = await liveClaims();
      const token = jwt.sign(claims, { secret: t.config.jwt.secret, algorithm: 'HS256' });
      const res = await me(token).expect(200);
      expect(res.body.id).toBe(account.user.id);
    });

    it('refuses an expired token', async () => {
      const { claims } = await liveClaims();
      const now = Math.floor(Date.now() / 1000);
      const token = jwt.sign(
        { ...claims, iat: now - 7200, exp: now - 60 },
        { secret: t.config.jwt.secret, algorithm: 'HS256' },
      );
      const res = await me(token);
      expectProblem(res, 401, /expired/);
    });

    it.each([
      [
        'signed with another secret',
        (c: object) => jwt.sign(c, { secret: 'x'.repeat(16) + 'another-secret-0123456789' }),
      ],
      ['of another algorithm (HS512)', (c: object, secret: string) => jwt.sign(c, { secret, algorithm: 'HS512' })],
      ['with alg none', (c: object) => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(c)}.`],
      [
        'with alg none and a copied signature',
        (c: object, secret: string) => {
          const head = base64url({ alg: 'none', typ: 'JWT' });
          const body = base64url(c);
          return `${head}.${body}.${createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url')}`;
        },
      ],
      ['without typ', (c: object, secret: string) => jwt.sign({ ...c, typ: undefined }, { secret })],
      ['with typ refresh', (c: object, secret: string) => jwt.sign({ ...c, typ: 'refresh' }, { secret })],
      ['for another issuer', (c: object, secret: string) => jwt.sign({ ...c, iss: 'someone-else' }, { secret })],
      ['for another audience', (c: object, secret: string) => jwt.sign({ ...c, aud: 'another-api' }, { secret })],
      ['without a session id', (c: object, secret: string) => jwt.sign({ ...c, sid: undefined }, { secret })],
      [
        'for an unknown session',
        (c: object, secret: string) => jwt.sign({ ...c, sid: '00000000-0000-4000-8000-000000000000' }, { secret }),
      ],
      ['naming another user', (c: object, secret: string) => jwt.sign({ ...c, sub: '1' }, { secret })],
    ])('refuses a token %s', async (_case, forge) => {
      const { claims } = await liveClaims();
      const token = forge(claims, t.config.jwt.secret);
      expectProblem(await me(token), 401);
    });
  });

  describe('POST /auth/refresh', () => {
    it('rotates a refresh token sent in the body: a new pair, and the old token stops working', async () => {
      const account = await signUp(t);
      const res = await refresh(account.refreshToken).expect(200);
      expect(res.body).toMatchObject({ user: { id: account.user.id }, tokenType: 'Bearer', expiresIn: 3600 });
      expect(res.body.refreshToken).not.toBe(account.refreshToken);
      expect(sessionIdOf(res.body.accessToken)).toBe(sessionIdOf(account.accessToken));
      expect(String(res.headers['set-cookie'])).toContain(`hh_refresh=${res.body.refreshToken}`);
      await me(res.body.accessToken).expect(200);

      expectProblem(await refresh(account.refreshToken), 401);
    });

    it('rotates the hh_refresh cookie', async () => {
      const account = await signUp(t);
      expect(account.cookie).toMatch(/^hh_refresh=/);
      const res = await t
        .http()
        .post('/api/v1/auth/refresh')
        .set('Cookie', `hh_refresh=${account.refreshToken}`)
        .expect(200);
      expect(res.body.user.id).toBe(account.user.id);
      expect(String(res.headers['set-cookie'])).toContain(`hh_refresh=${res.body.refreshToken}`);

      const again = await t.http().post('/api/v1/auth/refresh').set('Cookie', `hh_refresh=${account.refreshToken}`);
      expectProblem(again, 401);
    });

    it('answers 401 without a token and for an unknown one', async () => {
      expectProblem(await t.http().post('/api/v1/auth/refresh').send({}), 401);
      expectProblem(await refresh('x'.repeat(43)), 401);
      expectProblem(await t.http().post('/api/v1/auth/refresh').set('Cookie', 'hh_refresh=nope-nope-nope-nope'), 401);
    });

    it('treats an already-rotated token as theft: 401, and the whole session family is revoked', async () => {
      const account = await activeClient(t);
      const first = await refresh(account.refreshToken).expect(200);
      const second = await refresh(first.body.refreshToken).expect(200);

      const reuse = await refresh(account.refreshToken);
      expectProblem(reuse, 401, /already used/);

      // The thief's (or the victim's) newest tokens are dead too.
      expectProblem(await refresh(second.body.refreshToken), 401);
      expectProblem(await me(second.body.accessToken), 401);
      expectProblem(await me(first.body.accessToken), 401);
      expectProblem(await me(account.accessToken), 401);

      const [session] = await t.sql<{ revoked_at: Date | null; revoked_reason: string }>(
        'SELECT revoked_at, revoked_reason FROM auth_sessions WHERE id = ?',
        [sessionIdOf(account.accessToken)],
      );
      expect(session?.revoked_at).not.toBeNull();
      expect(session?.revoked_reason).toBe('refresh_token_reuse');
      const logged = await t.sql<{ user_id: number }>(
        "SELECT user_id FROM activity_logs WHERE action = 'refresh_token_reused' AND user_id = ?",
        [account.user.id],
      );
      expect(logged).toHaveLength(1);
    });

    it('leaves the user’s other sessions alone when one family is revoked for reuse', async () => {
      const account = await activeClient(t);
      const other = await logIn(t, account.user.email, account.password, nextIp());
      await refresh(account.refreshToken).expect(200);
      expectProblem(await refresh(account.refreshToken), 401);
      await me(other.accessToken).expect(200);
      await refresh(other.refreshToken).expect(200);
    });
  });

  describe('POST /auth/logout', () => {
    it('ends the session: its access token and its refresh token stop working at once', async () => {
      const account = await activeClient(t);
      await me(account.accessToken).expect(200);
      const res = await t
        .http()
        .post('/api/v1/auth/logout')
        .set(bearer(account.accessToken))
        .send({ refreshToken: account.refreshToken })
        .expect(204);
      expect(res.text).toBe('');
      expect(String(res.headers['set-cookie'])).toMatch(/hh_refresh=;/);

      expectProblem(await me(account.accessToken), 401);
      expectProblem(await refresh(account.refreshToken), 401);
      const logged = await t.sql("SELECT id FROM activity_logs WHERE action = 'logout' AND user_id = ?", [
        account.user.id,
      ]);
      expect(logged).toHaveLength(1);
    });

    it('ends the session with the access token alone (the refresh token dies with it)', async () => {
      const account = await activeClient(t);
      await t.http().post('/api/v1/auth/logout').set(bearer(account.accessToken)).expect(204);
      expectProblem(await me(account.accessToken), 401);
      expectProblem(await refresh(account.refreshToken), 401);
    });

    it('answers 401 without an access token and ends nothing', async () => {
      const account = await activeClient(t);
      expectProblem(await t.http().post('/api/v1/auth/logout').send({ refreshToken: account.refreshToken }), 401);
      expectProblem(
        await t.http().post('/api/v1/auth/logout').set('Cookie', `hh_refresh=${account.refreshToken}`),
        401,
      );
      await me(account.accessToken).expect(200);
      await refresh(account.refreshToken).expect(200);
    });

    it('keeps the user’s other sessions working', async () => {
      const account = await activeClient(t);
      const other = await logIn(t, account.user.email, account.password, nextIp());
      await t.http().post('/api/v1/auth/logout').set(bearer(account.accessToken)).expect(204);
      expectProblem(await me(account.accessToken), 401);
      await me(other.accessToken).expect(200);
      await refresh(other.refreshToken).expect(200);
    });

    it('never ends another user’s session named by the refresh token it is sent', async () => {
      const alice = await activeClient(t);
      const bob = await activeClient(t);
      await t
        .http()
        .post('/api/v1/auth/logout')
        .set(bearer(alice.accessToken))
        .send({ refreshToken: bob.refreshToken })
        .expect(204);
      await me(bob.accessToken).expect(200);
      await refresh(bob.refreshToken).expect(200);
    });
  });

  describe('changes made elsewhere take effect on the very next request', () => {
    it('suspension: a still-valid access token gets 403 and refresh is refused', async () => {
      const account = await activeClient(t);
      await me(account.accessToken).expect(200);
      await t.sql("UPDATE users SET status = 'suspended' WHERE id = ?", [account.user.id]);

      expectProblem(await me(account.accessToken), 403, /suspended/);
      const res = await refresh(account.refreshToken);
      expectProblem(res, 403, /suspended/);
      // The refused refresh also ended the session, so reinstating the user does not revive it.
      await t.sql("UPDATE users SET status = 'active' WHERE id = ?", [account.user.id]);
      expectProblem(await me(account.accessToken), 401);
    });

    it('role change: /auth/me shows the new role at once', async () => {
      const account = await activeClient(t);
      expect((await me(account.accessToken).expect(200)).body.role).toBe('client');
      await t.sql("UPDATE users SET role = 'admin' WHERE id = ?", [account.user.id]);
      expect((await me(account.accessToken).expect(200)).body.role).toBe('admin');
      await t.sql("UPDATE users SET role = 'client' WHERE id = ?", [account.user.id]);
      expect((await me(account.accessToken).expect(200)).body.role).toBe('client');
    });

    it('a deleted user’s token is refused', async () => {
      const account = await activeClient(t);
      await t.sql('DELETE FROM users WHERE id = ?', [account.user.id]);
      expectProblem(await me(account.accessToken), 401);
      expectProblem(await refresh(account.refreshToken), 401);
    });
  });
});
