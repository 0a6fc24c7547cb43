import { JwtService } from '@nestjs/jwt';
import { startTestApp, TestApp } from '../support/test-app';
import { activeClient, bearer, signUp } from '../support/accounts';
import { expectProblem, nextIp } from '../support/http';
import { mfaDatabaseName } from './support';

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/** Sessions you can see (issue 13, item 5): GET /me/sessions, DELETE /me/sessions/{id}, DELETE /me/sessions. */
describe('sessions: /me/sessions', () => {
  let t: TestApp;
  const jwt = new JwtService();
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback' }, { database: mfaDatabaseName() });
  });
  afterAll(() => t.close());

  const sidOf = (accessToken: string) => (jwt.decode(accessToken) as { sid: string }).sid;
  async function signInFrom(email: string, password: string, userAgent: string, ip = nextIp()) {
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', ip)
      .set('User-Agent', userAgent)
      .send({ email, password })
      .expect(200);
    return { accessToken: res.body.accessToken as string, refreshToken: res.body.refreshToken as string, ip };
  }
  const list = (token: string) => t.http().get('/api/v1/me/sessions').set(bearer(token));

  it('lists my live sessions with device, address and times, the current one marked', async () => {
    const account = await signUp(t);
    const laptop = await signInFrom(account.user.email, account.password, CHROME);
    const phone = await signInFrom(account.user.email, account.password, IPHONE);
    const other = await signUp(t);

    const res = await list(laptop.accessToken).expect(200);
    expect(res.body.data).toHaveLength(3);
    const byId = new Map(res.body.data.map((s: { id: string }) => [s.id, s]));
    expect(byId.get(sidOf(laptop.accessToken))).toEqual({
      id: sidOf(laptop.accessToken),
      createdAt: expect.any(String),
      lastUsedAt: expect.any(String),
      ipAddress: laptop.ip,
      userAgent: CHROME,
      device: 'Chrome 131 on Windows',
      current: true,
    });
    expect(byId.get(sidOf(phone.accessToken))).toMatchObject({
      device: expect.stringMatching(/Safari.* on iPhone/),
      current: false,
    });
    expect(res.body.data.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(byId.has(sidOf(other.accessToken))).toBe(false);
  });

  it("signs one session out: its access token and refresh token stop at once; another user's session is a 404", async () => {
    const account = await signUp(t);
    const laptop = await signInFrom(account.user.email, account.password, CHROME);
    const phone = await signInFrom(account.user.email, account.password, IPHONE);
    const stranger = await signUp(t);

    expectProblem(
      await t
        .http()
        .delete(`/api/v1/me/sessions/${sidOf(stranger.accessToken)}`)
        .set(bearer(laptop.accessToken)),
      404,
    );
    await t.http().get('/api/v1/auth/me').set(bearer(stranger.accessToken)).expect(200);
    expectProblem(
      await t.http().delete('/api/v1/me/sessions/00000000-0000-4000-8000-000000000000').set(bearer(laptop.accessToken)),
      404,
    );
    expectProblem(await t.http().delete('/api/v1/me/sessions/not-a-uuid').set(bearer(laptop.accessToken)), 400);

    await t
      .http()
      .delete(`/api/v1/me/sessions/${sidOf(phone.accessToken)}`)
      .set(bearer(laptop.accessToken))
      .expect(204);
    expectProblem(await t.http().get('/api/v1/auth/me').set(bearer(phone.accessToken)), 401);
    expectProblem(await t.http().post('/api/v1/auth/refresh').send({ refreshToken: phone.refreshToken }), 401);
    // Ended already: a second time is a 404.
    expectProblem(
      await t
        .http()
        .delete(`/api/v1/me/sessions/${sidOf(phone.accessToken)}`)
        .set(bearer(laptop.accessToken)),
      404,
    );
    const res = await list(laptop.accessToken).expect(200);
    expect(res.body.data.map((s: { id: string }) => s.id)).not.toContain(sidOf(phone.accessToken));
    const [row] = await t.sql<{ action: string }>(
      "SELECT action FROM activity_logs WHERE user_id = ? AND action = 'session_revoked'",
      [account.user.id],
    );
    expect(row).toBeDefined();
  });

  it('signs every other session out and keeps this one', async () => {
    const account = await signUp(t);
    const laptop = await signInFrom(account.user.email, account.password, CHROME);
    const phone = await signInFrom(account.user.email, account.password, IPHONE);
    const stranger = await signUp(t);

    await t.http().delete('/api/v1/me/sessions').set(bearer(laptop.accessToken)).expect(204);
    await t.http().get('/api/v1/auth/me').set(bearer(laptop.accessToken)).expect(200);
    expectProblem(await t.http().get('/api/v1/auth/me').set(bearer(phone.accessToken)), 401);
    expectProblem(await t.http().get('/api/v1/auth/me').set(bearer(account.accessToken)), 401);
    await t.http().get('/api/v1/auth/me').set(bearer(stranger.accessToken)).expect(200);
    const res = await list(laptop.accessToken).expect(200);
    expect(res.body.data).toEqual([expect.objectContaining({ id: sidOf(laptop.accessToken), current: true })]);
    const [row] = await t.sql<{ details: string | object }>(
      "SELECT details FROM activity_logs WHERE user_id = ? AND action = 'sessions_revoked'",
      [account.user.id],
    );
    const details = typeof row?.details === 'string' ? JSON.parse(row.details) : row?.details;
    expect(details).toMatchObject({ count: 2 });
  });

  it('needs a session: 401 without one, 403 with an API key', async () => {
    expectProblem(await t.http().get('/api/v1/me/sessions'), 401);
    expectProblem(await t.http().delete('/api/v1/me/sessions'), 401);
    expectProblem(await t.http().delete('/api/v1/me/sessions/00000000-0000-4000-8000-000000000000'), 401);
    const client = await activeClient(t);
    const key = await t.http().post('/api/v1/api-keys').set(bearer(client.accessToken)).send({}).expect(201);
    expectProblem(await t.http().get('/api/v1/me/sessions').set('X-API-Key', key.body.key), 403);
    expectProblem(await t.http().delete('/api/v1/me/sessions').set('X-API-Key', key.body.key), 403);
    expectProblem(
      await t
        .http()
        .delete(`/api/v1/me/sessions/${sidOf(client.accessToken)}`)
        .set('X-API-Key', key.body.key),
      403,
    );
  });
});
