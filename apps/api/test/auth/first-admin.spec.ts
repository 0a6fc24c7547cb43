import { FirstAdminService } from '../../src/app/auth/first-admin.service';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import { expectProblem, nextIp } from '../support/http';

const login = (t: TestApp, email: string, password: string) =>
  t.http().post('/api/v1/auth/login').set('X-Forwarded-For', nextIp()).send({ email, password });

describe('first start with ADMIN_PASSWORD', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  it('created the admin from ADMIN_EMAIL and ADMIN_PASSWORD, who signs in as an active admin', async () => {
    expect(t.admin).toEqual({ created: true, email: ADMIN_EMAIL });
    const res = await login(t, ADMIN_EMAIL, ADMIN_PASSWORD).expect(200);
    expect(res.body.user).toMatchObject({ email: ADMIN_EMAIL, role: 'admin', status: 'active' });
    const [row] = await t.sql<{ password_hash: string }>('SELECT password_hash FROM users WHERE email = ?', [
      ADMIN_EMAIL,
    ]);
    expect(row?.password_hash).toMatch(/^\$2b\$/);
    expect(row?.password_hash).not.toContain(ADMIN_PASSWORD);
    const logged = await t.sql("SELECT id FROM activity_logs WHERE action = 'admin_bootstrapped'");
    expect(logged).toHaveLength(1);
  });

  it('creates nothing on the next start', async () => {
    const again = await t.app.get(FirstAdminService).ensureAdmin();
    expect(again).toEqual({ created: false, email: ADMIN_EMAIL });
    expect(await t.sql("SELECT id FROM users WHERE role = 'admin'")).toHaveLength(1);
  });
});

describe('first start without ADMIN_PASSWORD', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ADMIN_PASSWORD: '', ADMIN_EMAIL: 'Boss@Example.COM', TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  it('generates a strong password, shown once, that signs the admin in', async () => {
    const { generatedPassword } = t.admin;
    expect(t.admin).toMatchObject({ created: true, email: 'boss@example.com' });
    expect(generatedPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(generatedPassword).toMatch(/[A-Z]/);
    expect(generatedPassword).toMatch(/[0-9]/);
    const res = await login(t, 'boss@example.com', generatedPassword as string).expect(200);
    expect(res.body.user).toMatchObject({ role: 'admin', status: 'active' });
  });

  it('has no well-known default password', async () => {
    for (const password of ['Admin123!', 'admin', 'password', ADMIN_PASSWORD]) {
      expectProblem(await login(t, 'boss@example.com', password), 401, 'Invalid email or password');
    }
  });

  it('creates nothing, and generates nothing, on the next start', async () => {
    const again = await t.app.get(FirstAdminService).ensureAdmin();
    expect(again).toEqual({ created: false, email: 'boss@example.com' });
    expect(again.generatedPassword).toBeUndefined();
    expect(await t.sql("SELECT id FROM users WHERE role = 'admin'")).toHaveLength(1);
    // The first password still works: nothing was reset.
    await login(t, 'boss@example.com', t.admin.generatedPassword as string).expect(200);
  });

  it('creates nothing when two instances start together', async () => {
    const outcomes = await Promise.all([
      t.app.get(FirstAdminService).ensureAdmin(),
      t.app.get(FirstAdminService).ensureAdmin(),
    ]);
    expect(outcomes.map((o) => o.created)).toEqual([false, false]);
    expect(await t.sql("SELECT id FROM users WHERE role = 'admin'")).toHaveLength(1);
  });
});

describe('two instances starting together on a new database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ADMIN_PASSWORD: '', TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  it('creates exactly one admin', async () => {
    // Start over as a brand-new database would be: no admin yet.
    await t.sql('DELETE FROM users');
    const service = t.app.get(FirstAdminService);
    const outcomes = await Promise.all([service.ensureAdmin(), service.ensureAdmin(), service.ensureAdmin()]);
    expect(outcomes.filter((o) => o.created)).toHaveLength(1);
    const admins = await t.sql<{ email: string }>("SELECT email FROM users WHERE role = 'admin'");
    expect(admins).toEqual([{ email: ADMIN_EMAIL }]);
    const winner = outcomes.find((o) => o.created);
    await login(t, ADMIN_EMAIL, winner?.generatedPassword as string).expect(200);
  });
});
