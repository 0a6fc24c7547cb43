import { MFA_SETUP_REQUIRED_PROBLEM } from '@hh/contracts';
import { startTestApp, TestApp } from '../support/test-app';
import { bearer, logIn, logInAdmin, signUp } from '../support/accounts';
import { expectProblem } from '../support/http';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/test-app';
import { enableTwoFactor, mfaDatabaseName, totpCode } from './support';

/** REQUIRE_ADMIN_MFA=true: an admin without two-factor reaches only their account and its security. */
describe('REQUIRE_ADMIN_MFA', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ REQUIRE_ADMIN_MFA: 'true' }, { database: mfaDatabaseName() });
  });
  afterAll(() => t.close());

  it('sends an admin without two-factor to set it up, then lets them in; clients are not concerned', async () => {
    const admin = await logInAdmin(t);
    const blocked = await t.http().get('/api/v1/admin/users').set(bearer(admin.accessToken));
    expectProblem(blocked, 403, /two-factor/);
    expect(blocked.body.type).toBe(MFA_SETUP_REQUIRED_PROBLEM);
    await t.http().get('/api/v1/auth/me').set(bearer(admin.accessToken)).expect(200);
    await t.http().get('/api/v1/me/sessions').set(bearer(admin.accessToken)).expect(200);
    const status = await t.http().get('/api/v1/me/mfa').set(bearer(admin.accessToken)).expect(200);
    expect(status.body).toMatchObject({ enabled: false, required: true });

    const { secret } = await enableTwoFactor(t, admin.accessToken);
    await t.http().get('/api/v1/admin/users').set(bearer(admin.accessToken)).expect(200);

    // The next sign-in takes two steps.
    const first = await t.http().post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(first.body.mfaRequired).toBe(true);
    const done = await t
      .http()
      .post('/api/v1/auth/login/mfa')
      .send({ mfaToken: first.body.mfaToken, code: totpCode(secret) })
      .expect(200);
    await t.http().get('/api/v1/admin/users').set(bearer(done.body.accessToken)).expect(200);

    const client = await signUp(t);
    const again = await logIn(t, client.user.email, client.password);
    await t.http().get('/api/v1/numbers').set(bearer(again.accessToken)).expect(200);
    const clientStatus = await t.http().get('/api/v1/me/mfa').set(bearer(again.accessToken)).expect(200);
    expect(clientStatus.body.required).toBe(false);
  });
});
