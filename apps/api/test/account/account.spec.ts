import { startTestApp, TestApp } from '../support/test-app';
import { activeClient, bearer, logIn, signUp } from '../support/accounts';
import { expectProblem, nextIp } from '../support/http';

describe('the signed-in user’s account (/me)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  const me = (token: string) => t.http().get('/api/v1/auth/me').set(bearer(token));
  const refresh = (refreshToken: string) => t.http().post('/api/v1/auth/refresh').send({ refreshToken });
  const login = (email: string, password: string) =>
    t.http().post('/api/v1/auth/login').set('X-Forwarded-For', nextIp()).send({ email, password });

  describe('PATCH /me', () => {
    it('renames the user (trimmed), answers the User and logs profile_updated', async () => {
      const account = await signUp(t);
      const res = await t
        .http()
        .patch('/api/v1/me')
        .set(bearer(account.accessToken))
        .set('User-Agent', 'account-spec')
        .set('X-Forwarded-For', '198.51.100.7')
        .send({ name: '  Grace Hopper  ' })
        .expect(200);
      expect(res.body).toEqual({ ...account.user, name: 'Grace Hopper' });
      expect((await me(account.accessToken).expect(200)).body.name).toBe('Grace Hopper');

      const [row] = await t.sql<{ name: string }>('SELECT name FROM users WHERE id = ?', [account.user.id]);
      expect(row?.name).toBe('Grace Hopper');
      const logged = await t.sql<{ ip_address: string; user_agent: string; details: unknown }>(
        "SELECT ip_address, user_agent, details FROM activity_logs WHERE action = 'profile_updated' AND user_id = ?",
        [account.user.id],
      );
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ ip_address: '198.51.100.7', user_agent: 'account-spec' });
    });

    it('accepts exactly 2 and exactly 100 characters', async () => {
      const account = await signUp(t);
      await t.http().patch('/api/v1/me').set(bearer(account.accessToken)).send({ name: 'Al' }).expect(200);
      const long = 'n'.repeat(100);
      const res = await t.http().patch('/api/v1/me').set(bearer(account.accessToken)).send({ name: long }).expect(200);
      expect(res.body.name).toBe(long);
    });

    it.each([
      [{ name: 'A' }, 'name', 'must be longer than or equal to 2 characters'],
      [{ name: '   A   ' }, 'name', 'must be longer than or equal to 2 characters'],
      [{ name: 'x'.repeat(101) }, 'name', 'must be shorter than or equal to 100 characters'],
      [{ name: 42 }, 'name', expect.any(String)],
      [{}, 'name', 'is required'],
      [{ name: null }, 'name', 'is required'],
      [{ name: 'Ann', role: 'admin' }, 'role', 'is not allowed'],
      [{ name: 'Ann', email: 'new@example.com' }, 'currentPassword', 'is required to change the e-mail address'],
      [{ name: 'Ann', status: 'active', id: 1 }, 'status', 'is not allowed'],
    ])('refuses %j with a 400 naming %s and changes nothing', async (body, field, message) => {
      const account = await signUp(t);
      const res = await t.http().patch('/api/v1/me').set(bearer(account.accessToken)).send(body);
      expectProblem(res, 400);
      expect(res.body.errors).toContainEqual({ field, message });
      const [row] = await t.sql<{ name: string; role: string; status: string; email: string }>(
        'SELECT name, role, status, email FROM users WHERE id = ?',
        [account.user.id],
      );
      expect(row).toEqual({
        name: account.user.name,
        role: account.user.role,
        status: account.user.status,
        email: account.user.email,
      });
    });

    it('names every unknown property in the detail', async () => {
      const account = await signUp(t);
      const res = await t
        .http()
        .patch('/api/v1/me')
        .set(bearer(account.accessToken))
        .send({ name: 'Ann', role: 'admin', status: 'active' });
      expectProblem(res, 400, /role/);
      expect(res.body.detail).toMatch(/status/);
    });

    it('answers 403 to a suspended user', async () => {
      const account = await activeClient(t);
      await t.sql("UPDATE users SET status = 'suspended' WHERE id = ?", [account.user.id]);
      expectProblem(await t.http().patch('/api/v1/me').set(bearer(account.accessToken)).send({ name: 'Changed' }), 403);
      const [row] = await t.sql<{ name: string }>('SELECT name FROM users WHERE id = ?', [account.user.id]);
      expect(row?.name).toBe(account.user.name);
    });

    it('answers 401 to an anonymous caller', async () => {
      expectProblem(await t.http().patch('/api/v1/me').send({ name: 'Nobody' }), 401);
      expectProblem(await t.http().patch('/api/v1/me').set(bearer('not-a-token')).send({ name: 'Nobody' }), 401);
    });
  });

  describe('POST /me/password', () => {
    it('changes the password, revokes every other session and keeps this one, and logs password_changed', async () => {
      const account = await activeClient(t);
      const other = await logIn(t, account.user.email, account.password, nextIp());
      const third = await logIn(t, account.user.email, account.password, nextIp());
      const bystander = await activeClient(t);

      const res = await t
        .http()
        .post('/api/v1/me/password')
        .set(bearer(account.accessToken))
        .set('User-Agent', 'account-spec')
        .send({ currentPassword: account.password, newPassword: 'Harbour-Falcon-42' })
        .expect(204);
      expect(res.text).toBe('');

      // The other sessions are gone: access and refresh tokens alike.
      for (const session of [other, third]) {
        expectProblem(await me(session.accessToken), 401);
        expectProblem(await refresh(session.refreshToken), 401);
      }
      // The current session goes on, including its refresh token.
      await me(account.accessToken).expect(200);
      const renewed = await refresh(account.refreshToken).expect(200);
      await me(renewed.body.accessToken).expect(200);
      // Another user is untouched.
      await me(bystander.accessToken).expect(200);

      const [hash] = await t.sql<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = ?', [
        account.user.id,
      ]);
      expect(hash?.password_hash).toMatch(/^\$2b\$04\$/);
      const logged = await t.sql<{ user_agent: string }>(
        "SELECT user_agent FROM activity_logs WHERE action = 'password_changed' AND user_id = ?",
        [account.user.id],
      );
      expect(logged).toEqual([{ user_agent: 'account-spec' }]);

      expectProblem(await login(account.user.email, account.password), 401, 'Invalid email or password');
      const fresh = await login(account.user.email, 'Harbour-Falcon-42').expect(200);
      expect(fresh.body.user.id).toBe(account.user.id);
    });

    it('answers 400 on currentPassword for a wrong current password and changes nothing', async () => {
      const account = await activeClient(t);
      const other = await logIn(t, account.user.email, account.password, nextIp());
      const res = await t
        .http()
        .post('/api/v1/me/password')
        .set(bearer(account.accessToken))
        .send({ currentPassword: 'Not-The-Passw0rd', newPassword: 'Harbour-Falcon-42' });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([{ field: 'currentPassword', message: expect.any(String) }]);

      await me(other.accessToken).expect(200);
      await login(account.user.email, account.password).expect(200);
      expectProblem(await login(account.user.email, 'Harbour-Falcon-42'), 401);
      const logged = await t.sql("SELECT id FROM activity_logs WHERE action = 'password_changed' AND user_id = ?", [
        account.user.id,
      ]);
      expect(logged).toHaveLength(0);
    });

    it.each([
      ['too short', 'Sh0rt', 'must be at least 8 characters'],
      ['without an uppercase letter', 'harbour-falcon-42', 'must contain an uppercase letter'],
      ['without a digit', 'Harbour-Falcon', 'must contain a digit'],
      ['commonly used', 'Password1', 'is too common; choose a less guessable password'],
      ['too long', 'A1' + 'x'.repeat(99), 'must be at most 100 characters'],
      ['not a string', 12345678, 'must be a string'],
    ])('refuses a new password %s with a 400 naming newPassword', async (_case, newPassword, message) => {
      const account = await activeClient(t);
      const res = await t
        .http()
        .post('/api/v1/me/password')
        .set(bearer(account.accessToken))
        .send({ currentPassword: account.password, newPassword });
      expectProblem(res, 400);
      expect(res.body.errors).toContainEqual({ field: 'newPassword', message });
      await login(account.user.email, account.password).expect(200);
    });

    it('refuses a new password equal to the current one', async () => {
      const account = await activeClient(t);
      const res = await t
        .http()
        .post('/api/v1/me/password')
        .set(bearer(account.accessToken))
        .send({ currentPassword: account.password, newPassword: account.password });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([{ field: 'newPassword', message: expect.any(String) }]);
    });

    it.each([
      [{ newPassword: 'Harbour-Falcon-42' }, 'currentPassword', 'is required'],
      [{ currentPassword: 'x' }, 'newPassword', 'is required'],
      [{ currentPassword: 'x', newPassword: 'Harbour-Falcon-42', userId: 1 }, 'userId', 'is not allowed'],
    ])('refuses %j with a 400 naming %s', async (body, field, message) => {
      const account = await activeClient(t);
      const res = await t.http().post('/api/v1/me/password').set(bearer(account.accessToken)).send(body);
      expectProblem(res, 400);
      expect(res.body.errors).toContainEqual({ field, message });
    });

    it('answers 401 to an anonymous caller', async () => {
      expectProblem(
        await t
          .http()
          .post('/api/v1/me/password')
          .send({ currentPassword: 'Lantern-Osprey-7', newPassword: 'Harbour-Falcon-42' }),
        401,
      );
    });

    it('lets a pending user change their password', async () => {
      const account = await signUp(t);
      await t
        .http()
        .post('/api/v1/me/password')
        .set(bearer(account.accessToken))
        .send({ currentPassword: account.password, newPassword: 'Harbour-Falcon-42' })
        .expect(204);
      await login(account.user.email, 'Harbour-Falcon-42').expect(200);
    });
  });
});
