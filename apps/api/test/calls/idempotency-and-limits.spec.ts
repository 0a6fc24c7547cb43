import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';
import { bearer } from '../support/accounts';
import { expectProblem } from '../support/http';
import { caller, Caller, placeCall } from '../support/calls';

/**
 * POST /calls with an Idempotency-Key: the same key from the same user within 24 h returns the same
 * call, never a second one; and the call-initiation limit of 10 per minute per user.
 */
describe('POST /calls: Idempotency-Key and the call limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback', CALL_ENGINE: 'off' });
  });
  afterAll(() => t.close());

  const callsOf = async (userId: number) =>
    (await t.sql<{ id: number }>('SELECT id FROM calls WHERE user_id = ? ORDER BY id', [userId])).map((r) => r.id);
  const replayed = (res: Response) => res.headers['idempotent-replayed'];

  describe('Idempotency-Key', () => {
    it('turns 10 concurrent identical requests into exactly one call: all 201 with its id, 9 marked as replays', async () => {
      const who = await caller(t);
      const key = randomUUID();
      const responses = await Promise.all(
        Array.from({ length: 10 }, () =>
          placeCall(t, who.accessToken, { toNumber: '+15005550004', notes: 'once' }, key),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
      const ids = new Set(responses.map((r) => r.body.id as number));
      expect(ids.size).toBe(1);
      const [id] = [...ids] as [number];
      expect(responses.filter((r) => replayed(r) === 'true')).toHaveLength(9);
      expect(responses.filter((r) => replayed(r) === undefined)).toHaveLength(1);
      for (const res of responses) expect(res.body).toEqual(responses[0]?.body);

      expect(await callsOf(who.user.id)).toEqual([id]);
      expect(await t.sql('SELECT status FROM call_events WHERE call_id = ?', [id])).toEqual([{ status: 'initiated' }]);
      expect(
        await t.sql("SELECT entity_id FROM activity_logs WHERE action = 'call_initiated' AND user_id = ?", [
          who.user.id,
        ]),
      ).toEqual([{ entity_id: id }]);
      expect(
        await t.sql('SELECT idempotency_key, call_id FROM idempotency_keys WHERE user_id = ?', [who.user.id]),
      ).toEqual([{ idempotency_key: key, call_id: id }]);
    });

    it('replays the call as it is now, and a later retry too', async () => {
      const who = await caller(t);
      const key = randomUUID();
      const first = await placeCall(t, who.accessToken, { toNumber: '+15005550004' }, key).expect(201);
      expect(replayed(first)).toBeUndefined();
      await t.http().patch(`/api/v1/calls/${first.body.id}`).set(bearer(who.accessToken)).send({ notes: 'edited' });
      const again = await placeCall(t, who.accessToken, { toNumber: '+15005550004' }, key).expect(201);
      expect(replayed(again)).toBe('true');
      expect(again.body).toEqual({ ...first.body, notes: 'edited' });
      expect(await callsOf(who.user.id)).toEqual([first.body.id]);
    });

    it('answers 409 to the same key with a different body, and creates nothing', async () => {
      const who = await caller(t);
      const key = randomUUID();
      const first = await placeCall(t, who.accessToken, { toNumber: '+15005550004' }, key).expect(201);
      for (const body of [
        { toNumber: '+15005550001' },
        { toNumber: '+15005550004', notes: 'now with notes' },
        { toNumber: '+15005550004', fromNumber: who.number, notes: 'x' },
      ]) {
        expectProblem(await placeCall(t, who.accessToken, body, key), 409, /Idempotency-Key/);
      }
      expect(await callsOf(who.user.id)).toEqual([first.body.id]);
      // The same call in another format of the same number is the same request.
      const sameRequest = await placeCall(
        t,
        who.accessToken,
        { toNumber: '(500) 555-0004', fromNumber: who.number },
        key,
      );
      expect(sameRequest.status).toBe(201);
      expect(sameRequest.body.id).toBe(first.body.id);
    });

    it('answers one 201 and 409s when different bodies race on one key', async () => {
      const who = await caller(t);
      const key = randomUUID();
      const responses = await Promise.all(
        ['+15005550001', '+15005550002', '+15005550003', '+15005550004', '+15005550005'].map((toNumber) =>
          placeCall(t, who.accessToken, { toNumber }, key),
        ),
      );
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
      const winner = responses.find((r) => r.status === 201) as Response;
      expect(await callsOf(who.user.id)).toEqual([winner.body.id]);
    });

    it('makes a new call for a new key, and keeps keys per user', async () => {
      const who = await caller(t);
      const other = await caller(t);
      const key = randomUUID();
      const first = await placeCall(t, who.accessToken, { toNumber: '+15005550004' }, key).expect(201);
      const second = await placeCall(t, who.accessToken, { toNumber: '+15005550004' }, randomUUID()).expect(201);
      expect(replayed(second)).toBeUndefined();
      expect(second.body.id).not.toBe(first.body.id);
      // Another user's identical key is theirs alone: a call of their own, not a replay (nor a 409).
      const theirs = await placeCall(t, other.accessToken, { toNumber: '+15005550004' }, key).expect(201);
      expect(replayed(theirs)).toBeUndefined();
      expect(theirs.body).toMatchObject({ userId: other.user.id, fromNumber: other.number });
      const theirsWithOtherBody = await placeCall(t, other.accessToken, { toNumber: '+15005550001' }, randomUUID());
      expect(theirsWithOtherBody.status).toBe(201);
      expect(await callsOf(who.user.id)).toEqual([first.body.id, second.body.id]);
      expect((await callsOf(other.user.id)).length).toBe(2);
      // Without a key every request is a new call.
      await placeCall(t, who.accessToken, { toNumber: '+15005550004' }).expect(201);
      await placeCall(t, who.accessToken, { toNumber: '+15005550004' }).expect(201);
      expect(await callsOf(who.user.id)).toHaveLength(4);
    });

    it('treats a key older than 24 hours as new (same body or not), and one just inside 24 hours as a replay', async () => {
      const who = await caller(t);
      const [fresh, old, older] = [randomUUID(), randomUUID(), randomUUID()];
      const a = await placeCall(t, who.accessToken, { toNumber: '+15005550004' }, fresh).expect(201);
      const b = await placeCall(t, who.accessToken, { toNumber: '+15005550004' }, old).expect(201);
      const c = await placeCall(t, who.accessToken, { toNumber: '+15005550004' }, older).expect(201);
      const backdate = (key: string, interval: string) =>
        t.sql(
          `UPDATE idempotency_keys SET created_at = UTC_TIMESTAMP(3) - INTERVAL ${interval} WHERE user_id = ? AND idempotency_key = ?`,
          [who.user.id, key],
        );
      await backdate(fresh, '86340 SECOND'); // 23 h 59 min
      await backdate(old, '86460 SECOND'); // 24 h 1 min
      await backdate(older, '30 DAY');

      const replay = await placeCall(t, who.accessToken, { toNumber: '+15005550004' }, fresh).expect(201);
      expect([replayed(replay), replay.body.id]).toEqual(['true', a.body.id]);
      const renewed = await placeCall(t, who.accessToken, { toNumber: '+15005550004' }, old).expect(201);
      expect(replayed(renewed)).toBeUndefined();
      expect(renewed.body.id).not.toBe(b.body.id);
      const otherBody = await placeCall(t, who.accessToken, { toNumber: '+15005550001' }, older).expect(201);
      expect(replayed(otherBody)).toBeUndefined();
      expect(otherBody.body.id).not.toBe(c.body.id);
      // The renewed key now stands for the new call for another 24 hours.
      const replayOfRenewed = await placeCall(t, who.accessToken, { toNumber: '+15005550004' }, old).expect(201);
      expect([replayed(replayOfRenewed), replayOfRenewed.body.id]).toEqual(['true', renewed.body.id]);
      expect(await callsOf(who.user.id)).toHaveLength(5);
    });

    it.each([
      ['300 characters', 'k'.repeat(300)],
      ['256 characters', 'k'.repeat(256)],
      ['spaces', 'my key 1'],
      ['an empty value', ''],
      ['a tab', 'key\tone'],
    ])('answers 400 to a key with %s, and creates nothing', async (_what, key) => {
      const who = await caller(t);
      const res = await placeCall(t, who.accessToken, { toNumber: '+15005550004' }, key);
      expectProblem(res, 400, /Idempotency-Key/);
      expect(await callsOf(who.user.id)).toEqual([]);
      expect(await t.sql('SELECT * FROM idempotency_keys WHERE user_id = ?', [who.user.id])).toEqual([]);
    });

    it('frees a key whose first request made no call, whatever that request was', async () => {
      const who = await caller(t);
      const key = randomUUID();
      // What a first request leaves behind when it fails after recording its key (say, the provider refused).
      await t.sql(
        "INSERT INTO idempotency_keys (user_id, idempotency_key, request_hash, call_id, created_at) VALUES (?, ?, REPEAT('a', 64), NULL, UTC_TIMESTAMP(3))",
        [who.user.id, key],
      );
      const res = await placeCall(t, who.accessToken, { toNumber: '+15005550002' }, key).expect(201);
      expect(replayed(res)).toBeUndefined();
      const again = await placeCall(t, who.accessToken, { toNumber: '+15005550002' }, key).expect(201);
      expect(again.body.id).toBe(res.body.id);
      expectProblem(await placeCall(t, who.accessToken, { toNumber: '+15005550004' }, key), 409);
      expect(await callsOf(who.user.id)).toEqual([res.body.id]);
    });

    it('accepts a key of 255 printable characters', async () => {
      const who = await caller(t);
      const key = `${'k'.repeat(250)}-!~#$`;
      const first = await placeCall(t, who.accessToken, { toNumber: '+15005550004' }, key).expect(201);
      const again = await placeCall(t, who.accessToken, { toNumber: '+15005550004' }, key).expect(201);
      expect(again.body.id).toBe(first.body.id);
    });
  });

  describe('the call limit (10 per minute per user)', () => {
    it('answers the 11th call within a minute with 429, Retry-After and X-RateLimit headers; others may still call', async () => {
      const who: Caller = await caller(t);
      const other: Caller = await caller(t);
      const remaining: string[] = [];
      for (let i = 0; i < 10; i++) {
        const res = await placeCall(t, who.accessToken, { toNumber: '+15005550004' }).expect(201);
        expect(res.headers['x-ratelimit-limit']).toBe('10');
        expect(Number(res.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
        expect(Number(res.headers['x-ratelimit-reset'])).toBeLessThanOrEqual(60);
        remaining.push(res.headers['x-ratelimit-remaining']);
      }
      expect(remaining).toEqual(['9', '8', '7', '6', '5', '4', '3', '2', '1', '0']);

      const blocked = await placeCall(t, who.accessToken, { toNumber: '+15005550004' });
      expectProblem(blocked, 429, /Too many calls/);
      const retryAfter = Number(blocked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(blocked.headers).toMatchObject({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0' });
      expect(Number(blocked.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
      // A replayable key does not get around it either.
      expectProblem(await placeCall(t, who.accessToken, { toNumber: '+15005550004' }, randomUUID()), 429);
      expect(await callsOf(who.user.id)).toHaveLength(10);

      // Only call initiation is limited: the rest of the API still answers the same user.
      const list = await t.http().get('/api/v1/calls').set(bearer(who.accessToken)).expect(200);
      expect(list.body.meta.total).toBe(10);
      expect(list.headers['x-ratelimit-limit']).toBe('100');
      // Another user has a budget of their own.
      const theirs = await placeCall(t, other.accessToken, { toNumber: '+15005550004' }).expect(201);
      expect(theirs.headers['x-ratelimit-remaining']).toBe('9');
    });

    it('shares one budget between a user’s sessions', async () => {
      const who = await caller(t);
      const second = await t
        .http()
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', '203.0.113.77')
        .send({ email: who.user.email, password: who.password })
        .expect(200);
      for (let i = 0; i < 10; i++) {
        const token = i % 2 ? (second.body.accessToken as string) : who.accessToken;
        await placeCall(t, token, { toNumber: '+15005550004' }).expect(201);
      }
      expectProblem(await placeCall(t, second.body.accessToken as string, { toNumber: '+15005550004' }), 429);
      expectProblem(await placeCall(t, who.accessToken, { toNumber: '+15005550004' }), 429);
    });
  });
});
