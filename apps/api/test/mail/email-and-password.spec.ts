import { createHash } from 'node:crypto';
import { bearer, logIn, logInAdmin, signUp } from '../support/accounts';
import { expectProblem, nextIp } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { linkOf, SmtpSink } from './smtp-sink';

const BASE = 'https://voip.example.test';
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * E-mail verification, password reset and e-mail change against a real SMTP server in this process: every step
 * reads the message that arrived and follows its link, as a user would.
 */
describe('e-mail verification, password reset and e-mail change (real SMTP)', () => {
  const smtp = new SmtpSink();
  let t: TestApp;

  beforeAll(async () => {
    const port = await smtp.start();
    t = await startTestApp({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: 'Hardhat Hosting <no-reply@example.test>',
      APP_BASE_URL: BASE,
      JOBS_POLL_MS: '50',
      TRUST_PROXY: 'loopback',
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('sends a new account a verification link that verifies the address once', async () => {
    const account = await signUp(t);
    expect(account.user.emailVerified).toBe(false);
    const mail = await smtp.waitFor(account.user.email);
    expect(mail.from?.text).toContain('no-reply@example.test');
    expect(mail.subject).toMatch(/Confirm your e-mail address/);
    const { link, token } = linkOf(mail, '/voip/verify-email');
    expect(link.startsWith(`${BASE}/voip/verify-email#token=`)).toBe(true);
    expect(mail.html).toContain(link);
    expect(mail.html).toContain('Hardhat Hosting');
    expect(mail.text).not.toContain(account.password);
    // Only the token's SHA-256 is stored; the outbox forgot the link once it was sent.
    const [stored] = await t.sql<{ token_hash: string }>('SELECT token_hash FROM email_tokens WHERE user_id = ?', [
      account.user.id,
    ]);
    expect(stored.token_hash).toBe(sha256(token));
    // The run's end (sent, link forgotten) commits just after the SMTP server took the message.
    let outbox: { status: string; secret_link: string | null; text_body: string }[] = [];
    for (let i = 0; i < 50; i++) {
      outbox = await t.sql('SELECT status, secret_link, text_body FROM mail_outbox WHERE user_id = ?', [
        account.user.id,
      ]);
      if (outbox[0]?.status === 'sent') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(outbox).toEqual([{ status: 'sent', secret_link: null, text_body: expect.not.stringContaining(token) }]);

    await t.http().post('/api/v1/auth/email/verify').send({ token }).expect(204);
    const me = await t.http().get('/api/v1/auth/me').set(bearer(account.accessToken)).expect(200);
    expect(me.body.emailVerified).toBe(true);
    const again = await t.http().post('/api/v1/auth/email/verify').send({ token });
    expectProblem(again, 400);
    expect(again.body.errors).toEqual([expect.objectContaining({ field: 'token' })]);

    const actions = await t.sql<{ action: string }>(
      "SELECT action FROM activity_logs WHERE user_id = ? AND action LIKE 'email%' ORDER BY id",
      [account.user.id],
    );
    expect(actions.map((row) => row.action)).toEqual(['email_verification_sent', 'email_verified']);
  });

  it('refuses an expired verification link, and a resend makes a new one that replaces the old', async () => {
    const account = await signUp(t);
    const { token: first } = linkOf(await smtp.waitFor(account.user.email), '/voip/verify-email');
    await t.sql('UPDATE email_tokens SET expires_at = UTC_TIMESTAMP(3) - INTERVAL 1 SECOND WHERE token_hash = ?', [
      sha256(first),
    ]);
    expectProblem(await t.http().post('/api/v1/auth/email/verify').send({ token: first }), 400);

    const resent = await t.http().post('/api/v1/auth/email/verify/resend').set(bearer(account.accessToken)).expect(202);
    expect(resent.body.message).toContain(account.user.email);
    const { token: second } = linkOf(await smtp.waitFor(account.user.email, 2), '/voip/verify-email');
    expect(second).not.toBe(first);
    await t.http().post('/api/v1/auth/email/verify').send({ token: second }).expect(204);
    expectProblem(await t.http().post('/api/v1/auth/email/verify/resend').set(bearer(account.accessToken)), 409);
  });

  it('limits resends per user', async () => {
    const account = await signUp(t);
    for (let i = 0; i < 3; i++) {
      await t.http().post('/api/v1/auth/email/verify/resend').set(bearer(account.accessToken)).expect(202);
    }
    const limited = await t.http().post('/api/v1/auth/email/verify/resend').set(bearer(account.accessToken));
    expectProblem(limited, 429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('answers a password-reset request alike for known and unknown addresses, and mails only the known', async () => {
    const account = await signUp(t);
    await smtp.waitFor(account.user.email);
    const unknown = `nobody.${Date.now()}@example.com`;
    const timed = async (email: string) => {
      const started = process.hrtime.bigint();
      const res = await t.http().post('/api/v1/auth/password/forgot').set('X-Forwarded-For', nextIp()).send({ email });
      return { res, ms: Number(process.hrtime.bigint() - started) / 1e6 };
    };
    // Warm both paths once, then compare.
    await timed(`warm.${Date.now()}@example.com`);
    const known = await timed(account.user.email.toUpperCase());
    const other = await timed(unknown);
    expect(known.res.status).toBe(202);
    expect(other.res.status).toBe(202);
    expect(known.res.body).toEqual(other.res.body);
    // The mail is sent later by the worker, so neither answer waits for SMTP.
    expect(Math.abs(known.ms - other.ms)).toBeLessThan(250);
    const mail = await smtp.waitFor(account.user.email, 2);
    expect(mail.subject).toMatch(/Reset your Hardhat Hosting password/);
    expect(linkOf(mail, '/voip/reset-password').link.startsWith(`${BASE}/voip/reset-password#token=`)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.to(unknown)).toEqual([]);
    const rows = await t.sql<{ details: string | object }>(
      "SELECT details FROM activity_logs WHERE action = 'password_reset_requested' ORDER BY id DESC LIMIT 2",
    );
    expect(rows).toHaveLength(2);
  });

  it('resets the password from the mailed link once: sessions and API keys end, the user is told', async () => {
    const account = await signUp(t);
    await t.sql("UPDATE users SET status = 'active' WHERE id = ?", [account.user.id]);
    const key = await t
      .http()
      .post('/api/v1/api-keys')
      .set(bearer(account.accessToken))
      .send({ keyName: 'ci' })
      .expect(201);
    await t.http().get('/api/v1/numbers').set('X-API-Key', key.body.key).expect(200);
    await smtp.waitFor(account.user.email);

    await t.http().post('/api/v1/auth/password/forgot').set('X-Forwarded-For', nextIp()).send({
      email: account.user.email,
    });
    const { token } = linkOf(await smtp.waitFor(account.user.email, 2), '/voip/reset-password');

    const weak = await t.http().post('/api/v1/auth/password/reset').send({ token, newPassword: 'password' });
    expectProblem(weak, 400);
    expect(weak.body.errors).toEqual([expect.objectContaining({ field: 'newPassword' })]);

    const newPassword = 'Harbour-Kestrel-42';
    await t.http().post('/api/v1/auth/password/reset').send({ token, newPassword }).expect(204);

    expectProblem(await t.http().get('/api/v1/auth/me').set(bearer(account.accessToken)), 401);
    expectProblem(await t.http().post('/api/v1/auth/refresh').set('Cookie', account.cookie), 401);
    expectProblem(await t.http().get('/api/v1/numbers').set('X-API-Key', key.body.key), 401);
    expectProblem(
      await t.http().post('/api/v1/auth/login').set('X-Forwarded-For', nextIp()).send({
        email: account.user.email,
        password: account.password,
      }),
      401,
    );
    const signedIn = await logIn(t, account.user.email, newPassword, nextIp());
    // Following the link proved the address too.
    expect(signedIn.user.emailVerified).toBe(true);

    const reused = await t.http().post('/api/v1/auth/password/reset').send({ token, newPassword: 'Other-Kestrel-43' });
    expectProblem(reused, 400);
    const told = await smtp.waitFor(account.user.email, 3);
    expect(told.subject).toMatch(/password was reset/);
    expect(told.text).not.toContain(newPassword);
    const [entry] = await t.sql<{ details: string | Record<string, unknown> }>(
      "SELECT details FROM activity_logs WHERE user_id = ? AND action = 'password_reset'",
      [account.user.id],
    );
    const details = typeof entry.details === 'string' ? JSON.parse(entry.details) : entry.details;
    expect(details).toMatchObject({ revokeApiKeys: true, apiKeysRevoked: 1 });
  });

  it('refuses an expired reset link, and only the newest link works', async () => {
    const account = await signUp(t);
    await smtp.waitFor(account.user.email);
    for (let n = 2; n <= 3; n++) {
      await t
        .http()
        .post('/api/v1/auth/password/forgot')
        .set('X-Forwarded-For', nextIp())
        .send({ email: account.user.email })
        .expect(202);
      await smtp.waitFor(account.user.email, n);
    }
    const first = linkOf(smtp.to(account.user.email)[1], '/voip/reset-password').token;
    const second = linkOf(smtp.to(account.user.email)[2], '/voip/reset-password').token;
    const newPassword = 'Harbour-Kestrel-42';
    expectProblem(await t.http().post('/api/v1/auth/password/reset').send({ token: first, newPassword }), 400);
    await t.sql('UPDATE email_tokens SET expires_at = UTC_TIMESTAMP(3) - INTERVAL 1 SECOND WHERE token_hash = ?', [
      sha256(second),
    ]);
    expectProblem(await t.http().post('/api/v1/auth/password/reset').send({ token: second, newPassword }), 400);
    await logIn(t, account.user.email, account.password, nextIp());
  });

  it('limits reset requests per address (known or not) and per client IP', async () => {
    const email = `limited.${Date.now()}@example.com`;
    for (let i = 0; i < 3; i++) {
      await t.http().post('/api/v1/auth/password/forgot').set('X-Forwarded-For', nextIp()).send({ email }).expect(202);
    }
    expectProblem(
      await t.http().post('/api/v1/auth/password/forgot').set('X-Forwarded-For', nextIp()).send({ email }),
      429,
    );
    const ip = nextIp();
    for (let i = 0; i < 5; i++) {
      await t
        .http()
        .post('/api/v1/auth/password/forgot')
        .set('X-Forwarded-For', ip)
        .send({ email: `ip${i}.${Date.now()}@example.com` })
        .expect(202);
    }
    expectProblem(
      await t.http().post('/api/v1/auth/password/forgot').set('X-Forwarded-For', ip).send({ email: 'x@example.com' }),
      429,
    );
  });

  it('changes the e-mail address only once the new address is verified, and tells the old one', async () => {
    const account = await signUp(t);
    await smtp.waitFor(account.user.email);
    const newEmail = `moved.${Date.now()}@example.com`;
    const patch = (body: object) => t.http().patch('/api/v1/me').set(bearer(account.accessToken)).send(body);

    const noPassword = await patch({ email: newEmail });
    expectProblem(noPassword, 400);
    expect(noPassword.body.errors).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
    expectProblem(await patch({ email: newEmail, currentPassword: 'Wrong-Passw0rd' }), 400);
    expectProblem(await patch({ email: 'not-an-email', currentPassword: account.password }), 400);
    expectProblem(await patch({ email: 'admin@hardhathosting.work', currentPassword: account.password }), 409);

    const res = await patch({ email: newEmail, currentPassword: account.password }).expect(200);
    expect(res.body.email).toBe(account.user.email);
    const notice = await smtp.waitFor(account.user.email, 2);
    expect(notice.subject).toMatch(/change of your Hardhat Hosting e-mail address was requested/);
    expect(notice.text).toContain(newEmail);
    expect(notice.text).not.toMatch(/#token=/);
    const { token } = linkOf(await smtp.waitFor(newEmail), '/voip/verify-email');

    await t.http().post('/api/v1/auth/email/verify').send({ token }).expect(204);
    const me = await t.http().get('/api/v1/auth/me').set(bearer(account.accessToken)).expect(200);
    expect(me.body).toMatchObject({ email: newEmail, emailVerified: true });
    const changed = await smtp.waitFor(account.user.email, 3);
    expect(changed.subject).toMatch(/e-mail address was changed/);
    await logIn(t, newEmail, account.password, nextIp());
    expectProblem(await t.http().post('/api/v1/auth/email/verify').send({ token }), 400);
    const actions = await t.sql<{ action: string }>(
      "SELECT action FROM activity_logs WHERE user_id = ? AND action LIKE 'email_change%' ORDER BY id",
      [account.user.id],
    );
    expect(actions.map((row) => row.action)).toEqual(['email_change_requested', 'email_changed']);
  });

  describe('routes: 400, 401, 403, 404', () => {
    it('refuses malformed bodies with 400 problems naming the field', async () => {
      for (const [path, body, field] of [
        ['/api/v1/auth/email/verify', { token: 'short' }, 'token'],
        ['/api/v1/auth/email/verify', {}, 'token'],
        ['/api/v1/auth/password/forgot', { email: 'nope' }, 'email'],
        ['/api/v1/auth/password/forgot', { email: 'a@example.com', extra: 1 }, 'extra'],
        ['/api/v1/auth/password/reset', { token: 'x'.repeat(43) }, 'newPassword'],
        ['/api/v1/auth/password/reset', { token: 7, newPassword: 'Harbour-Kestrel-42' }, 'token'],
      ] as const) {
        const res = await t.http().post(path).set('X-Forwarded-For', nextIp()).send(body);
        expectProblem(res, 400);
        expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      }
      // A well-formed token nobody was sent.
      expectProblem(
        await t
          .http()
          .post('/api/v1/auth/email/verify')
          .send({ token: 'A'.repeat(43) }),
        400,
      );
      expectProblem(
        await t
          .http()
          .post('/api/v1/auth/password/reset')
          .send({ token: 'A'.repeat(43), newPassword: 'Harbour-Kestrel-42' }),
        400,
      );
    });

    it('needs a session to resend (401 without, 403 with an API key), and 404s unknown routes', async () => {
      expectProblem(await t.http().post('/api/v1/auth/email/verify/resend'), 401);
      const account = await signUp(t);
      await t.sql("UPDATE users SET status = 'active' WHERE id = ?", [account.user.id]);
      const key = await t
        .http()
        .post('/api/v1/api-keys')
        .set(bearer(account.accessToken))
        .send({ keyName: 'k' })
        .expect(201);
      expectProblem(await t.http().post('/api/v1/auth/email/verify/resend').set('X-API-Key', key.body.key), 403);
      expectProblem(await t.http().post('/api/v1/auth/email/verify/nope').send({}), 404);
      expectProblem(await t.http().post('/api/v1/auth/password/nope').send({}), 404);
    });

    it('shows the outbox to admins only', async () => {
      expectProblem(await t.http().get('/api/v1/admin/mail'), 401);
      const client = await signUp(t);
      expectProblem(await t.http().get('/api/v1/admin/mail').set(bearer(client.accessToken)), 403);
      const admin = await logInAdmin(t);
      const page = await t.http().get('/api/v1/admin/mail?status=sent&pageSize=5').set(bearer(admin.accessToken));
      expect(page.status).toBe(200);
      expect(page.body.meta).toMatchObject({ page: 1, pageSize: 5 });
      expect(page.body.data.length).toBeGreaterThan(0);
      for (const mail of page.body.data) {
        expect(mail.status).toBe('sent');
        expect(mail.text).not.toMatch(/#token=/);
      }
      expectProblem(await t.http().get('/api/v1/admin/mail?status=lost').set(bearer(admin.accessToken)), 400);
      expectProblem(await t.http().get('/api/v1/admin/mail/1').set(bearer(admin.accessToken)), 404);
    });
  });
});
