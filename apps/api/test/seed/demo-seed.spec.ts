import { DEMO_CLIENTS, demoEmail, seedDemo } from '../../src/database/demo-seed';
import { startTestApp, TestApp } from '../support/test-app';

/** `npm run db:seed:demo` (dist/apps/api/seed-demo.js runs seedDemo) writes clients that sign in through the API. */
describe('demo seed', () => {
  const DEMO_PASSWORD = 'Demo-Seed-Spec-7';
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const seed = () =>
    seedDemo({
      db: t.config.db,
      bcryptRounds: t.config.bcryptRounds,
      ratePerMinute: t.config.voip.mockRatePerMinute,
      password: DEMO_PASSWORD,
    });
  const login = (name: string, password = DEMO_PASSWORD) =>
    t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: demoEmail(name), password });

  it('seeds a fresh database once, and its clients sign in with DEMO_PASSWORD', async () => {
    const outcome = await seed();
    expect(outcome).toMatchObject({ created: true, clients: DEMO_CLIENTS.length, generated: false });

    const active = await login('Acme Plumbing').expect(200);
    expect(active.body.user).toMatchObject({ email: 'acme.plumbing@demo.hardhathosting.work', status: 'active' });
    // Its history agrees with the totals the seed wrote.
    const calls = await t.http().get('/api/v1/calls').auth(active.body.accessToken, { type: 'bearer' }).expect(200);
    const [totals] = await t.sql<{ total_calls: number }>('SELECT total_calls FROM user_analytics WHERE user_id = ?', [
      active.body.user.id,
    ]);
    expect(calls.body.meta.total).toBeGreaterThan(0);
    expect(calls.body.meta.total).toBe(Number(totals?.total_calls));

    await login('Ivy Tutoring').expect(200);
    await login('Kestrel Auto').expect(403);
    await login('Acme Plumbing', 'not-the-demo-password').expect(401);

    expect(await seed()).toEqual({ created: false, existingClients: DEMO_CLIENTS.length });
  });
});
