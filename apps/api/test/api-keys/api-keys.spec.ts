import { activeClient, bearer, signUp } from '../support/accounts';
import { expectProblem } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

describe('API keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function createKey(token: string, body: Record<string, unknown> = { keyName: 'CRM' }) {
    const res = await t.http().post('/api/v1/api-keys').set(bearer(token)).send(body).expect(201);
    return res.body as { id: number; key: string; prefix: string; status: string; usageCount: number; keyName: string };
  }

  it('creates a key shown once, stored only as its SHA-256, listed without the secret', async () => {
    const owner = await activeClient(t);
    const created = await createKey(owner.accessToken);
    expect(created.key).toMatch(/^hh_live_[0-9A-Za-z]{40}$/);
    expect(created.prefix).toBe(created.key.slice(0, 12));
    expect(created).toMatchObject({ keyName: 'CRM', status: 'active', usageCount: 0, lastUsed: null });

    const [row] = await t.sql<{ api_key: string }>('SELECT api_key FROM api_keys WHERE id = ?', [created.id]);
    expect(row?.api_key).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.api_key).not.toContain(created.key.slice(8));

    const list = await t.http().get('/api/v1/api-keys').set(bearer(owner.accessToken)).expect(200);
    expect(list.body.data).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(created.key);
    const activity = await t.sql("SELECT id FROM activity_logs WHERE user_id = ? AND action = 'key_created'", [
      owner.user.id,
    ]);
    expect(activity).toHaveLength(1);
  });

  it('authenticates with X-API-Key and with Authorization: Bearer hh_…, counting each use', async () => {
    const owner = await activeClient(t);
    const { id, key } = await createKey(owner.accessToken);
    await t.http().get('/api/v1/calls').set('X-API-Key', key).expect(200);
    await t.http().get('/api/v1/numbers').set('Authorization', `Bearer ${key}`).expect(200);
    const [row] = await t.sql<{ usage_count: number; last_used: Date | null }>(
      'SELECT usage_count, last_used FROM api_keys WHERE id = ?',
      [id],
    );
    expect(row?.usage_count).toBe(2);
    expect(row?.last_used).toBeInstanceOf(Date);
  });

  it('refuses unknown, malformed, revoked and expired keys with 401', async () => {
    const owner = await activeClient(t);
    expectProblem(
      await t
        .http()
        .get('/api/v1/calls')
        .set('X-API-Key', 'hh_live_' + 'x'.repeat(40)),
      401,
    );
    expectProblem(await t.http().get('/api/v1/calls').set('X-API-Key', 'nonsense'), 401);

    const revoked = await createKey(owner.accessToken);
    await t.http().delete(`/api/v1/api-keys/${revoked.id}`).set(bearer(owner.accessToken)).expect(204);
    expectProblem(await t.http().get('/api/v1/calls').set('X-API-Key', revoked.key), 401, /revoked/);

    const expiring = await createKey(owner.accessToken, {
      keyName: 'Short',
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
    await t.http().get('/api/v1/calls').set('X-API-Key', expiring.key).expect(200);
    await t.sql('UPDATE api_keys SET expiration_date = UTC_TIMESTAMP(3) - INTERVAL 1 SECOND WHERE id = ?', [
      expiring.id,
    ]);
    expectProblem(await t.http().get('/api/v1/calls').set('X-API-Key', expiring.key), 401, /expired/);
    const list = await t.http().get('/api/v1/api-keys').set(bearer(owner.accessToken)).expect(200);
    expect(list.body.data.find((k: { id: number }) => k.id === expiring.id).status).toBe('expired');
  });

  it("stops a suspended owner's keys at once (403) and a key cannot manage keys or the account", async () => {
    const owner = await activeClient(t);
    const { key } = await createKey(owner.accessToken);
    expectProblem(await t.http().get('/api/v1/api-keys').set('X-API-Key', key), 403);
    expectProblem(await t.http().post('/api/v1/api-keys').set('X-API-Key', key).send({}), 403);
    expectProblem(await t.http().get('/api/v1/auth/me').set('X-API-Key', key), 403);
    expectProblem(await t.http().patch('/api/v1/me').set('X-API-Key', key).send({ name: 'Renamed' }), 403);

    await t.sql("UPDATE users SET status = 'suspended' WHERE id = ?", [owner.user.id]);
    expectProblem(await t.http().get('/api/v1/calls').set('X-API-Key', key), 403, /suspended/);
  });

  it('keeps keys to active accounts, at most 10 active, and another user cannot see or revoke mine (404)', async () => {
    const pending = await signUp(t);
    expectProblem(
      await t.http().post('/api/v1/api-keys').set(bearer(pending.accessToken)).send({}),
      403,
      /awaiting approval/,
    );

    const owner = await activeClient(t);
    for (let i = 0; i < 10; i++) await createKey(owner.accessToken, { keyName: `Key ${i}` });
    expectProblem(await t.http().post('/api/v1/api-keys').set(bearer(owner.accessToken)).send({}), 409);

    const other = await activeClient(t);
    const mine = await createKey(other.accessToken);
    expectProblem(await t.http().delete(`/api/v1/api-keys/${mine.id}`).set(bearer(owner.accessToken)), 404);
    const theirs = await t.http().get('/api/v1/api-keys').set(bearer(owner.accessToken)).expect(200);
    expect(theirs.body.data.map((k: { id: number }) => k.id)).not.toContain(mine.id);
  });

  it('validates input and needs a session', async () => {
    const owner = await activeClient(t);
    expectProblem(await t.http().get('/api/v1/api-keys'), 401);
    expectProblem(await t.http().post('/api/v1/api-keys').set(bearer(owner.accessToken)).send({ keyName: '' }), 400);
    expectProblem(
      await t.http().post('/api/v1/api-keys').set(bearer(owner.accessToken)).send({ expiresAt: 'tomorrow' }),
      400,
    );
    expectProblem(
      await t
        .http()
        .post('/api/v1/api-keys')
        .set(bearer(owner.accessToken))
        .send({ expiresAt: '2020-01-01T00:00:00Z' }),
      400,
    );
    expectProblem(await t.http().post('/api/v1/api-keys').set(bearer(owner.accessToken)).send({ scope: 'all' }), 400);
    expectProblem(await t.http().delete('/api/v1/api-keys/abc').set(bearer(owner.accessToken)), 400);
  });

  it("shares the 100-per-minute budget between a user's keys and sessions", async () => {
    const owner = await activeClient(t);
    const { key } = await createKey(owner.accessToken);
    for (let i = 0; i < 49; i++) await t.http().get('/api/v1/numbers').set('X-API-Key', key).expect(200);
    for (let i = 0; i < 49; i++) await t.http().get('/api/v1/numbers').set(bearer(owner.accessToken)).expect(200);
    // Creating the key was the 1st request of the budget, these were 2–99: the 100th passes, the 101st is refused.
    const res = await t.http().get('/api/v1/numbers').set('X-API-Key', key);
    expect(res.status).toBe(200);
    const limited = await t.http().get('/api/v1/numbers').set(bearer(owner.accessToken));
    expectProblem(limited, 429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});
