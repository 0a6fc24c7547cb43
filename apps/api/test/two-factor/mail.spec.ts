import { bearer, logInAdmin, signUp } from '../support/accounts';
import { expectProblem, nextIp } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { linkOf, SmtpSink } from '../mail/smtp-sink';
import { enableTwoFactor, mfaDatabaseName, totpCode } from './support';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';

/**
 * What two-factor and sessions send or ask through mail, against a real SMTP server in this process: a password
 * reset needs a code when two-factor is on, an admin's reset tells the user, a sign-in from a new device is told.
 */
describe('two-factor and sessions with mail (real SMTP)', () => {
  const smtp = new SmtpSink();
  let t: TestApp;
  beforeAll(async () => {
    const port = await smtp.start();
    t = await startTestApp(
      {
        SMTP_URL: `smtp://127.0.0.1:${port}`,
        APP_BASE_URL: 'https://voip.example.test',
        JOBS_POLL_MS: '50',
        TRUST_PROXY: 'loopback',
      },
      { database: mfaDatabaseName() },
    );
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  /** Asks for a reset link and answers its token (the mail is the `count`-th to the address). */
  async function resetToken(email: string, count: number): Promise<string> {
    await t.http().post('/api/v1/auth/password/forgot').set('X-Forwarded-For', nextIp()).send({ email }).expect(202);
    return linkOf(await smtp.waitFor(email, count), '/voip/reset-password').token;
  }

  it('a password reset with two-factor on needs a code: missing or wrong is a 400 on code, the link stays usable', async () => {
    const account = await signUp(t);
    await smtp.waitFor(account.user.email); // the verification mail
    const { secret, recoveryCodes } = await enableTwoFactor(t, account.accessToken);
    const token = await resetToken(account.user.email, 2);
    const reset = (body: object) =>
      t
        .http()
        .post('/api/v1/auth/password/reset')
        .set('X-Forwarded-For', nextIp())
        .send({ token, newPassword: 'Harbour-Kestrel-42', ...body });

    const missing = await reset({});
    expectProblem(missing, 400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'code' })]);
    const wrong = await reset({ code: String((Number(totpCode(secret)) + 3) % 1_000_000).padStart(6, '0') });
    expectProblem(wrong, 400);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ field: 'code' })]);
    expectProblem(await reset({ code: 'abcdef' }), 400);

    await reset({ code: totpCode(secret) }).expect(204);
    // The new password signs in, still in two steps.
    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: account.user.email, password: 'Harbour-Kestrel-42' })
      .expect(200);
    expect(login.body.mfaRequired).toBe(true);

    // A recovery code works for a reset too, once.
    const second = await resetToken(account.user.email, 4);
    await t
      .http()
      .post('/api/v1/auth/password/reset')
      .send({ token: second, newPassword: 'Quarry-Heron-58', recoveryCode: recoveryCodes[0] })
      .expect(204);
    const rows = await t.sql<{ action: string }>(
      "SELECT action FROM activity_logs WHERE user_id = ? AND action IN ('password_reset', 'two_factor_code_rejected', 'recovery_code_used')",
      [account.user.id],
    );
    expect(rows.map((r) => r.action).sort()).toEqual(
      ['password_reset', 'password_reset', 'recovery_code_used', 'two_factor_code_rejected'].sort(),
    );
  });

  it("an admin's reset of two-factor is mailed to the user", async () => {
    const account = await signUp(t);
    await smtp.waitFor(account.user.email);
    await enableTwoFactor(t, account.accessToken);
    const admin = await logInAdmin(t);
    await t.http().delete(`/api/v1/admin/users/${account.user.id}/mfa`).set(bearer(admin.accessToken)).expect(204);
    const mail = await smtp.waitFor(account.user.email, 2);
    expect(mail.subject).toMatch(/Two-factor authentication was turned off/);
    expect(mail.text).toMatch(/administrator turned off two-factor/);
  });

  it('tells the user of a sign-in from a device the account had not used, and not of a known one', async () => {
    const account = await signUp(t);
    await smtp.waitFor(account.user.email);
    const signIn = (userAgent?: string) => {
      const req = t.http().post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.9');
      if (userAgent) req.set('User-Agent', userAgent);
      return req.send({ email: account.user.email, password: account.password }).expect(200);
    };
    await signIn(); // the device it signed up from
    await signIn(FIREFOX);
    const notice = await smtp.waitFor(account.user.email, 2);
    expect(notice.subject).toMatch(/New sign-in/);
    expect(notice.text).toContain('Firefox 133 on Linux');
    expect(notice.text).toContain('203.0.113.9');
    await signIn(FIREFOX);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(smtp.to(account.user.email)).toHaveLength(2);
  });
});
