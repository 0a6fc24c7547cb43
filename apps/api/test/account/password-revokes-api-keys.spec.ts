import { startTestApp, TestApp } from '../support/test-app';
import { activeClient, bearer, SignedUp } from '../support/accounts';
import { expectProblem, nextIp } from '../support/http';

/** POST /me/password { revokeApiKeys }: a key made with a stolen password need not outlive the change. */
describe('POST /api/v1/me/password with revokeApiKeys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  const createKey = async (account: SignedUp, keyName: string): Promise<string> =>
    (await t.http().post('/api/v1/api-keys').set(bearer(account.accessToken)).send({ keyName }).expect(201)).body.key;
  const useKey = (key: string) =>
    t.http().get('/api/v1/numbers').set('X-Forwarded-For', nextIp()).set('X-API-Key', key);
  const changePassword = (account: SignedUp, body: Record<string, unknown>) =>
    t
      .http()
      .post('/api/v1/me/password')
      .set(bearer(account.accessToken))
      .send({ currentPassword: account.password, newPassword: 'N3w-Lantern-Osprey', ...body });

  it('revokes every key of the account with revokeApiKeys: true, and only that account’s', async () => {
    const account = await activeClient(t);
    const other = await activeClient(t);
    const keys = [await createKey(account, 'one'), await createKey(account, 'two')];
    const othersKey = await createKey(other, 'other');
    for (const key of keys) await useKey(key).expect(200);

    await changePassword(account, { revokeApiKeys: true }).expect(204);

    for (const key of keys) expectProblem(await useKey(key), 401, 'The API key has been revoked');
    await useKey(othersKey).expect(200);
    const list = await t.http().get('/api/v1/api-keys').set(bearer(account.accessToken)).expect(200);
    expect(list.body.data.map((k: { status: string }) => k.status)).toEqual(['revoked', 'revoked']);
    const [logged] = await t.sql<{ details: unknown }>(
      "SELECT details FROM activity_logs WHERE action = 'password_changed' AND user_id = ?",
      [account.user.id],
    );
    const details = typeof logged?.details === 'string' ? JSON.parse(logged.details) : logged?.details;
    expect(details).toEqual({ revokeApiKeys: true, apiKeysRevoked: 2 });
  });

  it.each([
    ['revokeApiKeys: false', { revokeApiKeys: false }],
    ['revokeApiKeys omitted', {}],
  ])('keeps the keys working with %s', async (_case, body) => {
    const account = await activeClient(t);
    const key = await createKey(account, 'kept');
    await changePassword(account, body).expect(204);
    await useKey(key).expect(200);
  });

  it.each([['yes'], [1], ['true']])(
    'refuses revokeApiKeys: %j with a 400 naming it, changing nothing',
    async (value) => {
      const account = await activeClient(t);
      const key = await createKey(account, 'kept');
      const res = await changePassword(account, { revokeApiKeys: value });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'revokeApiKeys' })]);
      await useKey(key).expect(200);
    },
  );

  it('documents revokeApiKeys in the OpenAPI document', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    const schema = doc.components.schemas.ChangePasswordDto;
    expect(schema.required ?? []).not.toContain('revokeApiKeys');
    expect(schema.properties.revokeApiKeys).toMatchObject({
      type: 'boolean',
      default: false,
      description: expect.stringMatching(/revoke every API key/i),
    });
  });
});
