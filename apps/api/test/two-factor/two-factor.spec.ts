import { startTestApp, TestApp } from '../support/test-app';
import { activeClient, bearer, logInAdmin, signUp } from '../support/accounts';
import { expectProblem, nextIp } from '../support/http';
import { enableTwoFactor, mfaDatabaseName, totpCode } from './support';

/** TOTP two-factor (issue 13, item 4): set-up, the two-step sign-in, replays, recovery codes, limits, the admin reset. */
describe('two-factor: /me/mfa, /auth/login/mfa, /admin/users/{id}/mfa', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback' }, { database: mfaDatabaseName() });
  });
  afterAll(() => t.close());

  const login = (email: string, password: string) =>
    t.http().post('/api/v1/auth/login').set('X-Forwarded-For', nextIp()).send({ email, password });
  const secondStep = (body: object) => t.http().post('/api/v1/auth/login/mfa').send(body);
  const actions = async (userId: number) =>
    (await t.sql<{ action: string }>('SELECT action FROM activity_logs WHERE user_id = ? ORDER BY id', [userId])).map(
      (row) => row.action,
    );

  it('sets up with a QR code and the secret as text, confirms with a computed code, and stores the secret encrypted', async () => {
    const account = await signUp(t);
    const status0 = await t.http().get('/api/v1/me/mfa').set(bearer(account.accessToken)).expect(200);
    expect(status0.body).toEqual({ enabled: false, enabledAt: null, recoveryCodesRemaining: 0, required: false });

    const setup = await t.http().post('/api/v1/me/mfa/totp').set(bearer(account.accessToken)).expect(201);
    expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/.+secret=/);
    expect(setup.body.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    const [stored] = await t.sql<{ secret_encrypted: string; enabled_at: Date | null }>(
      'SELECT secret_encrypted, enabled_at FROM user_totp WHERE user_id = ?',
      [account.user.id],
    );
    expect(stored?.enabled_at).toBeNull();
    expect(stored?.secret_encrypted).toMatch(/^v1\.1\./);
    expect(stored?.secret_encrypted).not.toContain(setup.body.secret);

    // A wrong code is a 400 naming the field; the right one turns two-factor on with 10 recovery codes.
    const wrong = String((Number(totpCode(setup.body.secret)) + 1) % 1_000_000).padStart(6, '0');
    const refused = await t
      .http()
      .post('/api/v1/me/mfa/totp/confirm')
      .set(bearer(account.accessToken))
      .send({ code: wrong });
    expectProblem(refused, 400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'code' })]);
    const confirmed = await t
      .http()
      .post('/api/v1/me/mfa/totp/confirm')
      .set(bearer(account.accessToken))
      .send({ code: totpCode(setup.body.secret) })
      .expect(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.body.recoveryCodes).size).toBe(10);
    const hashes = await t.sql<{ code_hash: string }>('SELECT code_hash FROM totp_recovery_codes WHERE user_id = ?', [
      account.user.id,
    ]);
    expect(hashes).toHaveLength(10);
    expect(hashes.map((h) => h.code_hash)).not.toContain(confirmed.body.recoveryCodes[0]);

    const status = await t.http().get('/api/v1/me/mfa').set(bearer(account.accessToken)).expect(200);
    expect(status.body).toMatchObject({ enabled: true, recoveryCodesRemaining: 10, required: false });
    expectProblem(await t.http().post('/api/v1/me/mfa/totp').set(bearer(account.accessToken)), 409);
    expect(await actions(account.user.id)).toEqual(
      expect.arrayContaining(['two_factor_setup_started', 'two_factor_code_rejected', 'two_factor_enabled']),
    );
  });

  it('signs in in two steps with a computed code, refuses the same code again, and the mfaToken is single use', async () => {
    const account = await signUp(t);
    const { secret } = await enableTwoFactor(t, account.accessToken);

    const first = await login(account.user.email, account.password).expect(200);
    expect(first.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String), expiresAt: expect.any(String) });
    expect(first.headers['set-cookie']).toBeUndefined();
    // The mfaToken is no access token.
    expectProblem(await t.http().get('/api/v1/auth/me').set(bearer(first.body.mfaToken)), 401);

    const code = totpCode(secret);
    const done = await secondStep({ mfaToken: first.body.mfaToken, code }).expect(200);
    expect(done.body).toMatchObject({
      user: { id: account.user.id },
      tokenType: 'Bearer',
      accessToken: expect.any(String),
    });
    expect(String(done.headers['set-cookie'])).toMatch(/^hh_refresh=/);
    await t.http().get('/api/v1/auth/me').set(bearer(done.body.accessToken)).expect(200);

    // The token is used up, and the code's step was used: a new sign-in with the same code is a replay.
    expectProblem(await secondStep({ mfaToken: first.body.mfaToken, code }), 401, /mfaToken/);
    const again = await login(account.user.email, account.password).expect(200);
    expectProblem(await secondStep({ mfaToken: again.body.mfaToken, code }), 401, /already used/);
    // The previous step's code is older than the step used: refused too.
    expectProblem(
      await secondStep({ mfaToken: again.body.mfaToken, code: totpCode(secret, Date.now() - 30_000) }),
      401,
    );
    expect(await actions(account.user.id)).toEqual(
      expect.arrayContaining(['two_factor_challenged', 'login', 'two_factor_code_rejected']),
    );
  });

  it('accepts a recovery code once, and refuses it the second time', async () => {
    const account = await signUp(t);
    const { recoveryCodes } = await enableTwoFactor(t, account.accessToken);
    const code = recoveryCodes[3] as string;

    const first = await login(account.user.email, account.password).expect(200);
    await secondStep({ mfaToken: first.body.mfaToken, recoveryCode: code.toUpperCase() }).expect(200);
    const second = await login(account.user.email, account.password).expect(200);
    expectProblem(await secondStep({ mfaToken: second.body.mfaToken, recoveryCode: code }), 401, /recovery code/);

    const status = await t.http().get('/api/v1/me/mfa').set(bearer(account.accessToken)).expect(200);
    expect(status.body.recoveryCodesRemaining).toBe(9);
    expect(await actions(account.user.id)).toContain('recovery_code_used');
  });

  it('refuses an expired mfaToken, an unknown one, and bad bodies (400)', async () => {
    const account = await signUp(t);
    const { secret } = await enableTwoFactor(t, account.accessToken);
    const first = await login(account.user.email, account.password).expect(200);
    await t.sql('UPDATE mfa_challenges SET expires_at = UTC_TIMESTAMP(3) - INTERVAL 1 SECOND WHERE user_id = ?', [
      account.user.id,
    ]);
    expectProblem(await secondStep({ mfaToken: first.body.mfaToken, code: totpCode(secret) }), 401, /expired/);
    expectProblem(await secondStep({ mfaToken: 'not-a-token', code: '123456' }), 401);

    expectProblem(await secondStep({ mfaToken: first.body.mfaToken }), 400);
    expectProblem(await secondStep({ mfaToken: first.body.mfaToken, code: '12ab56' }), 400);
    expectProblem(await secondStep({ mfaToken: first.body.mfaToken, code: '123456', recoveryCode: 'x' }), 400);
    expectProblem(await secondStep({ code: '123456' }), 400);
    expectProblem(await secondStep({ mfaToken: first.body.mfaToken, code: '123456', extra: 1 }), 400);
  });

  it('refuses every code after 5 wrong ones in 15 minutes (429 with Retry-After), even a right one', async () => {
    const account = await signUp(t);
    const { secret } = await enableTwoFactor(t, account.accessToken);
    const { body } = await login(account.user.email, account.password).expect(200);
    const right = totpCode(secret);
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i += 1) {
      expectProblem(await secondStep({ mfaToken: body.mfaToken, code: wrong }), 401);
    }
    const blocked = await secondStep({ mfaToken: body.mfaToken, code: right });
    expectProblem(blocked, 429, /Too many wrong two-factor codes/);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // The same budget covers the account's other uses of a code.
    expectProblem(
      await t.http().post('/api/v1/me/mfa/recovery-codes').set(bearer(account.accessToken)).send({ code: right }),
      429,
    );
  });

  it('regenerates recovery codes with a code (the old ones stop working)', async () => {
    const account = await signUp(t);
    const { secret, recoveryCodes } = await enableTwoFactor(t, account.accessToken);
    const regen = (code: unknown) =>
      t.http().post('/api/v1/me/mfa/recovery-codes').set(bearer(account.accessToken)).send({ code });
    expectProblem(await regen(undefined), 400);
    expectProblem(await regen('000'), 400);
    const res = await regen(totpCode(secret)).expect(200);
    expect(res.body.recoveryCodes).toHaveLength(10);
    expect(res.body.recoveryCodes).not.toContain(recoveryCodes[0]);
    const { body } = await login(account.user.email, account.password).expect(200);
    expectProblem(await secondStep({ mfaToken: body.mfaToken, recoveryCode: recoveryCodes[0] }), 401);
    await secondStep({ mfaToken: body.mfaToken, recoveryCode: res.body.recoveryCodes[0] }).expect(200);
    expect(await actions(account.user.id)).toContain('recovery_codes_regenerated');
  });

  it('turns off with the password and a code; a wrong password or code is a 400 on its field', async () => {
    const account = await signUp(t);
    const { secret } = await enableTwoFactor(t, account.accessToken);
    const off = (body: object) => t.http().delete('/api/v1/me/mfa').set(bearer(account.accessToken)).send(body);
    const badPassword = await off({ password: 'Wrong-Passw0rd', code: totpCode(secret) });
    expectProblem(badPassword, 400);
    expect(badPassword.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
    const badCode = await off({ password: account.password, code: '000000' });
    expectProblem(badCode, 400);
    expect(badCode.body.errors).toEqual([expect.objectContaining({ field: 'code' })]);
    expectProblem(await off({ password: account.password }), 400);
    await off({ password: account.password, code: totpCode(secret) }).expect(204);
    expectProblem(await off({ password: account.password, code: totpCode(secret) }), 409);

    // Signing in is one step again.
    const res = await login(account.user.email, account.password).expect(200);
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(await actions(account.user.id)).toContain('two_factor_disabled');
  });

  it('needs a session: 401 without one, 403 with an API key', async () => {
    expectProblem(await t.http().get('/api/v1/me/mfa'), 401);
    expectProblem(await t.http().post('/api/v1/me/mfa/totp'), 401);
    expectProblem(await t.http().post('/api/v1/me/mfa/totp/confirm').send({ code: '123456' }), 401);
    expectProblem(await t.http().post('/api/v1/me/mfa/recovery-codes').send({ code: '123456' }), 401);
    expectProblem(await t.http().delete('/api/v1/me/mfa').send({ password: 'x', code: '123456' }), 401);
    const client = await activeClient(t);
    const key = await t.http().post('/api/v1/api-keys').set(bearer(client.accessToken)).send({}).expect(201);
    expectProblem(await t.http().get('/api/v1/me/mfa').set('X-API-Key', key.body.key), 403);
    expectProblem(await t.http().post('/api/v1/me/mfa/totp').set('X-API-Key', key.body.key), 403);
    expectProblem(
      await t.http().post('/api/v1/me/mfa/totp/confirm').set('X-API-Key', key.body.key).send({ code: '123456' }),
      403,
    );
    expectProblem(
      await t.http().post('/api/v1/me/mfa/recovery-codes').set('X-API-Key', key.body.key).send({ code: '123456' }),
      403,
    );
    expectProblem(
      await t.http().delete('/api/v1/me/mfa').set('X-API-Key', key.body.key).send({ password: 'x', code: '123456' }),
      403,
    );
    // An API key keeps working for its routes whatever two-factor says (documented).
    await enableTwoFactor(t, client.accessToken);
    await t.http().get('/api/v1/numbers').set('X-API-Key', key.body.key).expect(200);
  });

  it('refuses the second step of a suspended account (403), and that of an unknown token first (401)', async () => {
    const account = await signUp(t);
    const { secret } = await enableTwoFactor(t, account.accessToken);
    const { body } = await login(account.user.email, account.password).expect(200);
    await t.sql("UPDATE users SET status = 'suspended' WHERE id = ?", [account.user.id]);
    expectProblem(await secondStep({ mfaToken: body.mfaToken, code: totpCode(secret) }), 403, /suspended/);
    expectProblem(await secondStep({ mfaToken: 'x'.repeat(43), code: totpCode(secret) }), 401);
  });

  it('confirm without a set-up and regenerate without two-factor are 409', async () => {
    const account = await signUp(t);
    expectProblem(
      await t.http().post('/api/v1/me/mfa/totp/confirm').set(bearer(account.accessToken)).send({ code: '123456' }),
      409,
    );
    expectProblem(
      await t.http().post('/api/v1/me/mfa/recovery-codes').set(bearer(account.accessToken)).send({ code: '123456' }),
      409,
    );
  });

  describe('admin reset: DELETE /admin/users/{id}/mfa', () => {
    it("turns a user's two-factor off, audited; 404 for nobody, 409 when off, 403 for clients, 400 for bad ids", async () => {
      const admin = await logInAdmin(t);
      const account = await signUp(t);
      await enableTwoFactor(t, account.accessToken);
      const reset = (id: string | number, token = admin.accessToken) =>
        t.http().delete(`/api/v1/admin/users/${id}/mfa`).set(bearer(token));

      expectProblem(await reset(account.user.id, account.accessToken), 403);
      expectProblem(await t.http().delete(`/api/v1/admin/users/${account.user.id}/mfa`), 401);
      expectProblem(await reset('abc'), 400);
      expectProblem(await reset(999_999), 404);
      await reset(account.user.id).expect(204);
      expectProblem(await reset(account.user.id), 409);
      const res = await login(account.user.email, account.password).expect(200);
      expect(res.body.accessToken).toEqual(expect.any(String));
      const [row] = await t.sql<{ user_id: number; entity_id: number }>(
        "SELECT user_id, entity_id FROM activity_logs WHERE action = 'two_factor_reset' ORDER BY id DESC LIMIT 1",
      );
      expect(row).toEqual({ user_id: admin.user.id, entity_id: account.user.id });
    });
  });
});
