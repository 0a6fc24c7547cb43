import { parse } from 'csv-parse/sync';
import type { Call, CallStats, CallStatus } from '@hh/contracts';
import { CALL_STATUSES } from '@hh/contracts';
import { CallEngine } from '../../src/app/calls/call-engine';
import { startTestApp, TestApp } from '../support/test-app';
import { activeClient, bearer, SignedUp, signUp } from '../support/accounts';
import { expectProblem, nextIp } from '../support/http';
import {
  assignNumber,
  caller,
  Caller,
  FINAL,
  freshNumber,
  insertCall,
  InsertedCall,
  ManualClock,
  placeCall,
  timelines,
} from '../support/calls';

const DAY = 24 * 3600 * 1000;
const EXPORT_COLUMNS = [
  'id',
  'startTime',
  'endTime',
  'direction',
  'fromNumber',
  'toNumber',
  'status',
  'durationSeconds',
  'cost',
  'callSid',
  'notes',
];

type Method = 'get' | 'post' | 'patch';

/** A table row of [body, field] with a readable title first (long runs of one character shortened). */
function titled([body, field]: [Record<string, unknown>, string?]): [string, string, Record<string, unknown>] {
  const title = JSON.stringify(body).replace(/(.)\1{19,}/g, (run, char: string) => `${char}×${run.length}`);
  return [title, field ?? 'no field', body];
}

/**
 * The calls API: who may call each route, what input each refuses, the caller-ID and number
 * rules, list filters and sorts, the hang-up transitions, notes, digits, stats and the CSV export. The engine's
 * loop is off; where a call has to be ringing or in progress, the spec moves a manual clock and ticks.
 */
describe('the calls API', () => {
  let t: TestApp;
  let engine: CallEngine;
  let clock: ManualClock;

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback', CALL_ENGINE: 'off' });
    engine = t.app.get(CallEngine);
    clock = ManualClock.install(t);
  });
  afterAll(() => t.close());
  afterEach(async () => {
    // Whatever a test left scheduled never falls due in a later one (which may move the clock far ahead).
    await t.sql('UPDATE calls SET next_status = NULL, next_transition_at = NULL WHERE next_status IS NOT NULL');
  });

  const api = (path: string) => `/api/v1${path}`;
  const send = (method: Method, path: string, token?: string, body?: object) => {
    const req = t.http()[method](api(path));
    if (token) req.set(bearer(token));
    return body === undefined ? req : req.send(body);
  };
  const getCall = (token: string, id: number) => send('get', `/calls/${id}`, token);
  const patchCall = (token: string, id: number, body: object) => send('patch', `/calls/${id}`, token, body);

  /** Every calls route, with a valid body where it takes one; `:id` is a call of the caller (or someone). */
  const routes = (id: number): [Method, string, object?][] => [
    ['post', '/calls', { toNumber: '+15005550004' }],
    ['get', '/calls'],
    ['get', '/calls/stats'],
    ['get', '/calls/export'],
    ['get', `/calls/${id}`],
    ['patch', `/calls/${id}`, { notes: 'hello' }],
    ['post', `/calls/${id}/digits`, { digits: '12#' }],
  ];

  describe('who may call each route', () => {
    let owner: Caller;
    let ownersCall: InsertedCall;
    beforeAll(async () => {
      owner = await caller(t);
      ownersCall = await insertCall(t, { userId: owner.user.id, fromNumber: owner.number, status: 'in_progress' });
    });

    it('answers 401 problems to anonymous and invalid credentials on every route', async () => {
      for (const [method, path, body] of routes(ownersCall.id)) {
        expectProblem(await send(method, path, undefined, body), 401);
        expectProblem(await send(method, path, 'not-a-jwt', body), 401);
      }
      expect((await getCall(owner.accessToken, ownersCall.id).expect(200)).body.notes).toBeNull();
    });

    it('answers 403 to a suspended user on every route', async () => {
      const suspended = await caller(t);
      const theirs = await insertCall(t, {
        userId: suspended.user.id,
        fromNumber: suspended.number,
        status: 'in_progress',
      });
      await t.sql("UPDATE users SET status = 'suspended' WHERE id = ?", [suspended.user.id]);
      for (const [method, path, body] of routes(theirs.id)) {
        expectProblem(await send(method, path, suspended.accessToken, body), 403, /suspended/);
      }
      const [row] = await t.sql<{ notes: string | null }>('SELECT notes FROM calls WHERE id = ?', [theirs.id]);
      expect(row?.notes).toBeNull();
      expect(await t.sql('SELECT id FROM calls WHERE user_id = ?', [suspended.user.id])).toHaveLength(1);
    });

    it('answers 403 to a pending user placing a call (even with a number), who may still read their history', async () => {
      const pending = await signUp(t);
      await assignNumber(t, pending.user.id);
      const res = await send('post', '/calls', pending.accessToken, { toNumber: '+15005550004' });
      expectProblem(res, 403, /awaiting approval/);
      expect(await t.sql('SELECT id FROM calls WHERE user_id = ?', [pending.user.id])).toEqual([]);
      // A pending user can sign in and see the portal; only placing calls is refused.
      expect((await send('get', '/calls', pending.accessToken).expect(200)).body.meta.total).toBe(0);
      expect((await send('get', '/calls/stats', pending.accessToken).expect(200)).body.totalCalls).toBe(0);
      await send('get', '/calls/export', pending.accessToken).expect(200);
    });

    it("answers 404 for another user's call on GET, PATCH and digits, and changes nothing", async () => {
      const stranger = await caller(t);
      const before = await t.sql('SELECT * FROM calls WHERE id = ?', [ownersCall.id]);
      expectProblem(await getCall(stranger.accessToken, ownersCall.id), 404);
      expectProblem(await patchCall(stranger.accessToken, ownersCall.id, { notes: 'mine now' }), 404);
      expectProblem(await patchCall(stranger.accessToken, ownersCall.id, { status: 'completed' }), 404);
      expectProblem(await send('post', `/calls/${ownersCall.id}/digits`, stranger.accessToken, { digits: '1' }), 404);
      expect(await t.sql('SELECT * FROM calls WHERE id = ?', [ownersCall.id])).toEqual(before);
      // The same answer as for an id that does not exist at all.
      const missing = await getCall(stranger.accessToken, ownersCall.id + 100_000);
      expectProblem(missing, 404);
      const foreign = await getCall(stranger.accessToken, ownersCall.id);
      expect(foreign.body.detail).toBe(missing.body.detail);
      // Nor does it show in their list, stats or export.
      expect((await send('get', '/calls', stranger.accessToken).expect(200)).body.meta.total).toBe(0);
      expect((await send('get', '/calls/export', stranger.accessToken).expect(200)).text.trim()).toBe(
        EXPORT_COLUMNS.join(','),
      );
    });

    it('lets an API key act as its owner on the calls routes (its own calls only)', async () => {
      const who = await caller(t);
      const created = await t
        .http()
        .post(api('/api-keys'))
        .set(bearer(who.accessToken))
        .send({ keyName: 'dialer' })
        .expect(201);
      const key = created.body.key as string;
      const placed = await t
        .http()
        .post(api('/calls'))
        .set('X-API-Key', key)
        .send({ toNumber: '+15005550004' })
        .expect(201);
      expect(placed.body).toMatchObject({ userId: who.user.id, fromNumber: who.number });
      const listed = await t.http().get(api('/calls')).set('Authorization', `Bearer ${key}`).expect(200);
      expect(listed.body.data.map((c: Call) => c.id)).toEqual([placed.body.id]);
      expectProblem(
        await t
          .http()
          .get(api(`/calls/${ownersCall.id}`))
          .set('X-API-Key', key),
        404,
      );
      await t
        .http()
        .delete(api(`/api-keys/${created.body.id}`))
        .set(bearer(who.accessToken))
        .expect(204);
      expectProblem(await t.http().get(api('/calls')).set('X-API-Key', key), 401);
    });

    it.each(['abc', '0', '-1', '1.5', '1e3', '%20', '99999999999999999999'])(
      'answers 400 to the id %j on every route with an id',
      async (id) => {
        for (const [method, path, body] of [
          ['get', `/calls/${id}`],
          ['patch', `/calls/${id}`, { notes: 'x' }],
          ['post', `/calls/${id}/digits`, { digits: '1' }],
        ] as [Method, string, object?][]) {
          expectProblem(await send(method, path, owner.accessToken, body), 400);
        }
      },
    );

    it('answers 404 to an id beyond the INT range', async () => {
      for (const id of ['2147483648', '999999999999']) {
        expectProblem(await getCall(owner.accessToken, Number(id)), 404);
        expectProblem(await patchCall(owner.accessToken, Number(id), { notes: 'x' }), 404);
        expectProblem(await send('post', `/calls/${id}/digits`, owner.accessToken, { digits: '1' }), 404);
      }
    });
  });

  describe('POST /calls', () => {
    it('places a call from my first number, normalising (909) 687-4971 to E.164', async () => {
      const who = await caller(t);
      const res = await placeCall(t, who.accessToken, { toNumber: '(909) 687-4971', notes: '  first call  ' }).expect(
        201,
      );
      expect(res.body).toEqual({
        id: expect.any(Number),
        userId: who.user.id,
        fromNumber: who.number,
        toNumber: '+19096874971',
        direction: 'outbound',
        status: 'initiated',
        durationSeconds: 0,
        startTime: clock.now().toISOString(),
        endTime: null,
        callSid: expect.stringMatching(/^MOCK[0-9a-f]{32}$/),
        recordingUrl: null,
        recorded: false,
        cost: 0,
        notes: 'first call',
      });
      expect((await getCall(who.accessToken, res.body.id).expect(200)).body).toEqual(res.body);
      for (const toNumber of ['909-687-4971', '+1 909 687 4971', '9096874971', '+19096874971']) {
        expect((await placeCall(t, who.accessToken, { toNumber }).expect(201)).body.toNumber).toBe('+19096874971');
      }
    });

    it('answers 409 to a caller with no assigned number', async () => {
      const who = await activeClient(t);
      expectProblem(await placeCall(t, who.accessToken, { toNumber: '+15005550004' }), 409, /no phone number/);
      // A released or suspended number is not theirs to call from either.
      await t.sql(
        "INSERT INTO phone_numbers (phone_number, owner_id, status, created_at) VALUES (?, ?, 'suspended', UTC_TIMESTAMP(3))",
        [freshNumber(), who.user.id],
      );
      expectProblem(await placeCall(t, who.accessToken, { toNumber: '+15005550004' }), 409);
      expect(await t.sql('SELECT id FROM calls WHERE user_id = ?', [who.user.id])).toEqual([]);
    });

    it('uses the first assigned number by default and accepts any of mine as fromNumber (in any format)', async () => {
      const who = await activeClient(t);
      const later = await assignNumber(t, who.user.id, freshNumber(), new Date('2030-02-01T00:00:00Z'));
      const first = await assignNumber(t, who.user.id, freshNumber(), new Date('2030-01-01T00:00:00Z'));
      const byDefault = await placeCall(t, who.accessToken, { toNumber: '+15005550004' }).expect(201);
      expect(byDefault.body.fromNumber).toBe(first);
      const national = `(${later.slice(2, 5)}) ${later.slice(5, 8)}-${later.slice(8)}`;
      const chosen = await placeCall(t, who.accessToken, { toNumber: '+15005550004', fromNumber: national }).expect(
        201,
      );
      expect(chosen.body.fromNumber).toBe(later);
    });

    it('answers 400 on fromNumber when it is not one of mine', async () => {
      const who = await caller(t);
      const other = await caller(t);
      for (const fromNumber of [other.number, freshNumber(), 'not a number', '']) {
        const res = await placeCall(t, who.accessToken, { toNumber: '+15005550004', fromNumber });
        expectProblem(res, 400);
        expect(res.body.errors).toEqual([{ field: 'fromNumber', message: expect.any(String) }]);
      }
      expect(await t.sql('SELECT id FROM calls WHERE user_id = ?', [who.user.id])).toEqual([]);
    });

    it.each(
      (
        [
          [{ toNumber: '123' }, 'toNumber'],
          [{ toNumber: 'call me' }, 'toNumber'],
          [{ toNumber: '+1 555 0100' }, 'toNumber'],
          [{ toNumber: '+19091234567' }, 'toNumber'], // well-formed, but not a real number
          [{ toNumber: '' }, 'toNumber'],
          [{ toNumber: '   ' }, 'toNumber'],
          [{ toNumber: '9'.repeat(33) }, 'toNumber'],
          [{ toNumber: 15005550004 }, 'toNumber'],
          [{}, 'toNumber'],
          [{ toNumber: '+15005550004', fromNumber: 42 }, 'fromNumber'],
          [{ toNumber: '+15005550004', fromNumber: null }, 'fromNumber'],
          [{ toNumber: null }, 'toNumber'],
          [{ toNumber: '+15005550004', notes: 'n'.repeat(2001) }, 'notes'],
          [{ toNumber: '+15005550004', notes: 7 }, 'notes'],
          [{ toNumber: '+15005550004', status: 'completed' }, 'status'],
          [{ toNumber: '+15005550004', userId: 1 }, 'userId'],
        ] as [Record<string, unknown>, string][]
      ).map(titled),
    )('answers 400 to %s naming %s', async (_title, field, body) => {
      const who = await caller(t);
      const res = await placeCall(t, who.accessToken, body);
      expectProblem(res, 400);
      expect(res.body.errors).toContainEqual({ field, message: expect.any(String) });
      expect(await t.sql('SELECT id FROM calls WHERE user_id = ?', [who.user.id])).toEqual([]);
    });

    it('refuses a body that is not a JSON object, and a wrong content type', async () => {
      const who = await caller(t);
      expectProblem(await t.http().post(api('/calls')).set(bearer(who.accessToken)).send([1, 2]), 400);
      const text = await t
        .http()
        .post(api('/calls'))
        .set(bearer(who.accessToken))
        .set('Content-Type', 'text/plain')
        .send('+15005550004');
      expectProblem(text, 415);
      const broken = await t
        .http()
        .post(api('/calls'))
        .set(bearer(who.accessToken))
        .set('Content-Type', 'application/json')
        .send('{"toNumber": ');
      expectProblem(broken, 400);
    });
  });

  describe('GET /calls', () => {
    let owner: Caller;
    let mine: InsertedCall[];
    const base = Date.parse('2030-05-10T00:00:00.000Z');
    beforeAll(async () => {
      owner = await caller(t);
      const other = await caller(t);
      mine = [];
      const spec: [CallStatus, 'outbound' | 'inbound', number, string, number][] = [
        // status, direction, start (ms after base), to, duration
        ['completed', 'outbound', 0, '+19096874971', 95],
        ['failed', 'outbound', 3600_000, '+15005550001', 0],
        ['busy', 'inbound', DAY - 1, '+15005550002', 0],
        ['completed', 'inbound', DAY, '+12125550199', 200],
        ['no_answer', 'outbound', DAY + 12 * 3600_000, '+15005550003', 0],
        ['canceled', 'outbound', 2 * DAY - 1, '+14155550123', 0],
        ['completed', 'outbound', 2 * DAY, '+13105551234', 30],
        ['in_progress', 'outbound', 3 * DAY, '+15005550005', 0],
        ['completed', 'outbound', 3 * DAY + 1, '+19096874971', 61],
        ['completed', 'inbound', 4 * DAY, '+16175550111', 180],
      ];
      for (const [status, direction, offset, toNumber, durationSeconds] of spec) {
        mine.push(
          await insertCall(t, {
            userId: owner.user.id,
            fromNumber: owner.number,
            status,
            direction,
            toNumber,
            durationSeconds,
            startTime: new Date(base + offset),
          }),
        );
      }
      // Same moment, same numbers, another user: never listed.
      await insertCall(t, { userId: other.user.id, fromNumber: other.number, startTime: new Date(base) });
    });

    const list = async (query: Record<string, string | number>): Promise<{ data: Call[]; meta: unknown }> =>
      (await send('get', '/calls', owner.accessToken).query(query).expect(200)).body;
    const ids = (rows: InsertedCall[] | Call[]) => rows.map((row) => row.id);
    const newestFirst = (rows: InsertedCall[]) =>
      [...rows].sort((a, b) => b.startTime.getTime() - a.startTime.getTime() || b.id - a.id);

    it('lists my calls only, newest first, in the Call shape', async () => {
      const body = await list({});
      expect(body.meta).toEqual({ page: 1, pageSize: 25, total: mine.length, totalPages: 1 });
      expect(ids(body.data)).toEqual(ids(newestFirst(mine)));
      const first = newestFirst(mine)[0] as InsertedCall;
      expect(body.data[0]).toEqual({
        id: first.id,
        userId: owner.user.id,
        fromNumber: owner.number,
        toNumber: first.toNumber,
        direction: first.direction,
        status: first.status,
        durationSeconds: first.durationSeconds,
        startTime: first.startTime.toISOString(),
        endTime: first.endTime?.toISOString() ?? null,
        callSid: first.callSid,
        recordingUrl: null,
        recorded: false,
        cost: first.cost,
        notes: null,
      });
    });

    it('filters by status and by direction', async () => {
      for (const status of CALL_STATUSES) {
        expect(ids((await list({ status, pageSize: 100 })).data)).toEqual(
          ids(newestFirst(mine.filter((c) => c.status === status))),
        );
      }
      for (const direction of ['inbound', 'outbound']) {
        expect(ids((await list({ direction })).data)).toEqual(
          ids(newestFirst(mine.filter((c) => c.direction === direction))),
        );
      }
      expect(ids((await list({ status: 'completed', direction: 'inbound' })).data)).toEqual(
        ids(newestFirst(mine.filter((c) => c.status === 'completed' && c.direction === 'inbound'))),
      );
    });

    it('filters by start time: from inclusive, a date-only `to` including its whole day, a date-time `to` inclusive', async () => {
      const between = (from: number, toInclusive: number) =>
        ids(newestFirst(mine.filter((c) => c.startTime.getTime() >= from && c.startTime.getTime() <= toInclusive)));
      expect(ids((await list({ from: '2030-05-11', to: '2030-05-11' })).data)).toEqual(
        between(base + DAY, base + 2 * DAY - 1),
      );
      expect(ids((await list({ to: '2030-05-10' })).data)).toEqual(between(0, base + DAY - 1));
      expect(ids((await list({ from: '2030-05-13' })).data)).toEqual(between(base + 3 * DAY, Infinity));
      expect(ids((await list({ from: '2030-05-10T01:00:00.000Z', to: '2030-05-11T00:00:00.000Z' })).data)).toEqual(
        between(base + 3600_000, base + DAY),
      );
      expect((await list({ from: '2031-01-01' })).data).toEqual([]);
    });

    it('finds a substring of either number with q', async () => {
      const has = (digits: string) =>
        ids(newestFirst(mine.filter((c) => c.toNumber.includes(digits) || c.fromNumber.includes(digits))));
      expect(ids((await list({ q: '5550001' })).data)).toEqual(has('5550001'));
      expect(ids((await list({ q: '+1909687' })).data)).toEqual(has('1909687'));
      expect(ids((await list({ q: '(909) 687' })).data)).toEqual(has('909687'));
      expect(ids((await list({ q: '500555000' })).data)).toEqual(has('500555000'));
      expect((await list({ q: '500555000' })).data.length).toBeGreaterThan(3);
      // My own number matches every call of mine.
      expect((await list({ q: owner.number.slice(2) })).meta).toMatchObject({ total: mine.length });
      expect((await list({ q: '0000000000' })).data).toEqual([]);
    });

    it('sorts by each allowed order', async () => {
      const sorted: [string, (a: InsertedCall, b: InsertedCall) => number][] = [
        ['-startTime', (a, b) => b.startTime.getTime() - a.startTime.getTime() || b.id - a.id],
        ['startTime', (a, b) => a.startTime.getTime() - b.startTime.getTime() || a.id - b.id],
        ['-durationSeconds', (a, b) => b.durationSeconds - a.durationSeconds || b.id - a.id],
        ['-cost', (a, b) => b.cost - a.cost || b.id - a.id],
      ];
      for (const [sort, compare] of sorted) {
        expect(ids((await list({ sort })).data)).toEqual(ids([...mine].sort(compare)));
      }
    });

    it('pages with meta', async () => {
      const all = ids(newestFirst(mine));
      expect(await list({ pageSize: 4 })).toEqual({
        data: expect.any(Array),
        meta: { page: 1, pageSize: 4, total: 10, totalPages: 3 },
      });
      expect(ids((await list({ pageSize: 4, page: 2 })).data)).toEqual(all.slice(4, 8));
      const last = await list({ pageSize: 4, page: 3 });
      expect(ids(last.data)).toEqual(all.slice(8));
      expect(last.meta).toEqual({ page: 3, pageSize: 4, total: 10, totalPages: 3 });
      expect(await list({ pageSize: 4, page: 9 })).toEqual({
        data: [],
        meta: { page: 9, pageSize: 4, total: 10, totalPages: 3 },
      });
      expect((await list({ pageSize: 100 })).data).toHaveLength(10);
    });

    it.each([
      [{ pageSize: 101 }, 'pageSize'],
      [{ pageSize: 0 }, 'pageSize'],
      [{ page: 0 }, 'page'],
      [{ page: 'two' }, 'page'],
      [{ pageSize: 2.5 }, 'pageSize'],
      [{ status: 'done' }, 'status'],
      [{ direction: 'sideways' }, 'direction'],
      [{ sort: 'cost' }, 'sort'],
      [{ sort: '-notes' }, 'sort'],
      [{ from: 'yesterday' }, 'from'],
      [{ to: '2030-13-01' }, 'to'],
      [{ userId: 1 }, 'userId'],
      [{ q: '1'.repeat(33) }, 'q'],
    ])('answers 400 to %j naming %s', async (query, field) => {
      const who = await caller(t);
      const res = await send('get', '/calls', who.accessToken).query(query);
      expectProblem(res, 400);
      expect(res.body.errors).toContainEqual({ field, message: expect.any(String) });
    });

    it('answers 400 when from is not before to', async () => {
      const who = await caller(t);
      expectProblem(await send('get', '/calls', who.accessToken).query({ from: '2030-05-12', to: '2030-05-11' }), 400);
    });
  });

  describe('PATCH /calls/:id (hang up, notes)', () => {
    const SECOND = 1000;

    /** Places a call now and ticks the engine until it is in `state` (initiated, ringing or in_progress). */
    async function callIn(state: 'initiated' | 'ringing' | 'in_progress', toNumber = '+15005550005') {
      const who = await caller(t);
      clock.set(Date.now());
      const start = clock.now().getTime();
      const call = (await placeCall(t, who.accessToken, { toNumber }).expect(201)).body as Call;
      if (state !== 'initiated') {
        clock.set(start + 2 * SECOND);
        await engine.tick();
      }
      if (state === 'in_progress') {
        clock.set(start + 5 * SECOND);
        await engine.tick();
      }
      expect((await getCall(who.accessToken, call.id).expect(200)).body.status).toBe(state);
      return { who, call, start };
    }

    async function finalCall(status: CallStatus) {
      const who = await caller(t);
      const call = await insertCall(t, { userId: who.user.id, fromNumber: who.number, status });
      return { who, call };
    }

    it.each(['initiated', 'ringing'] as const)(
      'cancels a %s call: duration 0, cost 0, endTime now; an event, a call_ended and the totals',
      async (state) => {
        const { who, call, start } = await callIn(state);
        clock.set(start + 4 * SECOND);
        const res = await patchCall(who.accessToken, call.id, { status: 'canceled' })
          .set('User-Agent', 'calls-spec')
          .set('X-Forwarded-For', '198.51.100.23')
          .expect(200);
        expect(res.body).toEqual({
          ...call,
          status: 'canceled',
          durationSeconds: 0,
          cost: 0,
          endTime: new Date(start + 4 * SECOND).toISOString(),
        });
        expect((await timelines(t, [call.id])).get(call.id)?.map((e) => [e.status, e.source])).toEqual([
          ['initiated', 'api'],
          ...(state === 'ringing' ? [['ringing', 'engine']] : []),
          ['canceled', 'api'],
        ]);
        const ended = await t.sql<{ ip_address: string; user_agent: string; entity_id: number }>(
          "SELECT ip_address, user_agent, entity_id FROM activity_logs WHERE action = 'call_ended' AND user_id = ?",
          [who.user.id],
        );
        expect(ended).toEqual([{ ip_address: '198.51.100.23', user_agent: 'calls-spec', entity_id: call.id }]);
        const [totals] = await t.sql<{ total_calls: number; canceled_calls: number }>(
          'SELECT total_calls, canceled_calls FROM user_analytics WHERE user_id = ?',
          [who.user.id],
        );
        expect(totals).toEqual({ total_calls: 1, canceled_calls: 1 });
        // Nothing of the plan is applied afterwards.
        clock.set(start + 10 * 3600 * SECOND);
        expect(await engine.tick()).toBe(0);
        expect((await getCall(who.accessToken, call.id).expect(200)).body.status).toBe('canceled');
      },
    );

    it('completes an in-progress call with the duration and cost at that moment (90.4 s answered → 90 s, 0.04)', async () => {
      const { who, call, start } = await callIn('in_progress');
      clock.set(start + 5 * SECOND + 90_400);
      const res = await patchCall(who.accessToken, call.id, { status: 'completed' }).expect(200);
      expect(res.body).toMatchObject({
        status: 'completed',
        durationSeconds: 90,
        cost: 0.04,
        endTime: clock.now().toISOString(),
      });
      const [totals] = await t.sql(
        'SELECT successful_calls, total_duration_seconds, total_cost FROM user_analytics WHERE user_id = ?',
        [who.user.id],
      );
      expect(totals).toEqual({ successful_calls: 1, total_duration_seconds: 90, total_cost: '0.0400' });
    });

    it('completes +15005550004 hung up 20 s into its 30: 20 s, 0.02', async () => {
      const { who, call, start } = await callIn('in_progress', '+15005550004');
      clock.set(start + 25 * SECOND);
      const res = await patchCall(who.accessToken, call.id, { status: 'completed' }).expect(200);
      expect(res.body).toMatchObject({ status: 'completed', durationSeconds: 20, cost: 0.02 });
      clock.set(start + 60 * SECOND);
      expect(await engine.tick()).toBe(0);
      expect((await getCall(who.accessToken, call.id).expect(200)).body.durationSeconds).toBe(20);
    });

    it.each([
      ['initiated', 'completed'],
      ['initiated', 'ringing'],
      ['initiated', 'in_progress'],
      ['initiated', 'failed'],
      ['ringing', 'completed'],
      ['ringing', 'in_progress'],
      ['ringing', 'no_answer'],
      ['ringing', 'initiated'],
      ['in_progress', 'canceled'],
      ['in_progress', 'failed'],
      ['in_progress', 'ringing'],
    ] as const)('refuses %s → %s with a 409 and changes nothing', async (state, status) => {
      const { who, call } = await callIn(state);
      const before = await t.sql('SELECT * FROM calls WHERE id = ?', [call.id]);
      expectProblem(await patchCall(who.accessToken, call.id, { status }), 409);
      expect(await t.sql('SELECT * FROM calls WHERE id = ?', [call.id])).toEqual(before);
      expect(
        (await timelines(t, [call.id]))
          .get(call.id)
          ?.map((e) => e.status)
          .slice(-1),
      ).toEqual([state]);
    });

    it.each(FINAL)('refuses every status change of a %s call (409), its own status included', async (final) => {
      const { who, call } = await finalCall(final);
      const before = await t.sql('SELECT * FROM calls WHERE id = ?', [call.id]);
      for (const status of CALL_STATUSES) {
        const res = await patchCall(who.accessToken, call.id, { status });
        expectProblem(res, 409);
      }
      expect(await t.sql('SELECT * FROM calls WHERE id = ?', [call.id])).toEqual(before);
      expect(
        await t.sql("SELECT id FROM activity_logs WHERE action = 'call_ended' AND user_id = ?", [who.user.id]),
      ).toEqual([]);
    });

    it('edits notes on any call (trimmed; null and blank clear them), without touching its status', async () => {
      const { who, call } = await finalCall('completed');
      const notes = async (body: object) => (await patchCall(who.accessToken, call.id, body).expect(200)).body.notes;
      expect(await notes({ notes: '  Left a voicemail  ' })).toBe('Left a voicemail');
      expect((await getCall(who.accessToken, call.id).expect(200)).body).toMatchObject({
        notes: 'Left a voicemail',
        status: 'completed',
      });
      expect(await notes({ notes: null })).toBeNull();
      expect(await notes({ notes: 'a'.repeat(2000) })).toBe('a'.repeat(2000));
      expect(await notes({ notes: '   ' })).toBeNull();
      // Notes together with a hang-up.
      const live = await callIn('ringing');
      const res = await patchCall(live.who.accessToken, live.call.id, { status: 'canceled', notes: 'wrong number' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'canceled', notes: 'wrong number' });
    });

    it.each(
      (
        [
          [{}, undefined],
          [{ notes: 'n'.repeat(2001) }, 'notes'],
          [{ notes: 5 }, 'notes'],
          [{ status: 'hung_up' }, 'status'],
          [{ status: null }, 'status'],
          [{ durationSeconds: 0 }, 'durationSeconds'],
          [{ notes: 'x', cost: 0 }, 'cost'],
        ] as [Record<string, unknown>, string?][]
      ).map(titled),
    )('answers 400 to %s naming %s', async (_title, field, body) => {
      const { who, call } = await finalCall('completed');
      const res = await patchCall(who.accessToken, call.id, body);
      expectProblem(res, 400);
      if (field !== 'no field') expect(res.body.errors).toContainEqual({ field, message: expect.any(String) });
    });
  });

  describe('POST /calls/:id/digits', () => {
    it('accepts DTMF digits (202) only while the call is in progress, else 409', async () => {
      const who = await caller(t);
      clock.set(Date.now());
      const start = clock.now().getTime();
      const call = (await placeCall(t, who.accessToken, { toNumber: '+15005550004' }).expect(201)).body as Call;
      const digits = (body: object = { digits: '123#' }) =>
        send('post', `/calls/${call.id}/digits`, who.accessToken, body);
      expectProblem(await digits(), 409, /initiated/);
      clock.set(start + 2000);
      await engine.tick();
      expectProblem(await digits(), 409, /ringing/);
      clock.set(start + 5000);
      await engine.tick();
      expect((await digits({ digits: '0123456789*#' }).expect(202)).body).toEqual({
        callId: call.id,
        digits: '0123456789*#',
      });
      for (const body of [
        { digits: '' },
        { digits: '12a' },
        { digits: '1'.repeat(33) },
        {},
        { digits: 5 },
        { digits: '1', tone: 'x' },
      ]) {
        expectProblem(await digits(body), 400);
      }
      clock.set(start + 35_000);
      await engine.tick();
      expectProblem(await digits(), 409, /completed/);
    });
  });

  describe('GET /calls/stats', () => {
    it('answers zeros for a caller without calls', async () => {
      const who = await caller(t);
      expect((await send('get', '/calls/stats', who.accessToken).expect(200)).body).toEqual({
        totalCalls: 0,
        successfulCalls: 0,
        failedCalls: 0,
        canceledCalls: 0,
        totalDurationSeconds: 0,
        averageDurationSeconds: 0,
        totalCost: 0,
        successRate: 0,
        byStatus: Object.fromEntries(CALL_STATUSES.map((s) => [s, 0])),
        daily: [],
      });
    });

    it('equals a recomputation from the calls table over many random calls, overall and for a range', async () => {
      const who = await caller(t);
      const other = await caller(t);
      const start = Date.parse('2030-08-01T00:00:00.000Z');
      const weights: [CallStatus, number][] = [
        ['completed', 50],
        ['failed', 10],
        ['busy', 5],
        ['no_answer', 10],
        ['canceled', 10],
        ['in_progress', 3],
        ['ringing', 2],
        ['initiated', 2],
      ];
      const pick = (): CallStatus => {
        let roll = Math.random() * 92;
        for (const [status, weight] of weights) {
          if ((roll -= weight) < 0) return status;
        }
        return 'completed';
      };
      const values: unknown[][] = [];
      for (let i = 0; i < 400; i++) {
        const status = pick();
        const duration = status === 'completed' ? 1 + Math.floor(Math.random() * 600) : 0;
        const startTime = new Date(start + Math.floor(Math.random() * 14 * DAY));
        const userId = i % 10 === 0 ? other.user.id : who.user.id;
        const from = userId === who.user.id ? who.number : other.number;
        values.push([userId, from, '+15005550004', status, duration, startTime, Math.ceil(duration / 60) * 0.02]);
      }
      await t.sql(
        'INSERT INTO calls (user_id, from_number, to_number, status, duration_seconds, start_time, cost) VALUES ?',
        [values],
      );

      const recompute = async (from?: string, to?: string): Promise<CallStats> => {
        const where = ['user_id = ?'];
        const params: unknown[] = [who.user.id];
        if (from) {
          where.push('start_time >= ?');
          params.push(`${from} 00:00:00`);
        }
        if (to) {
          where.push('start_time < DATE_ADD(?, INTERVAL 1 DAY)');
          params.push(`${to} 00:00:00`);
        }
        const rows = await t.sql<{ status: CallStatus; duration_seconds: number; cost: string; day: string }>(
          `SELECT status, duration_seconds, cost, DATE_FORMAT(start_time, '%Y-%m-%d') AS day FROM calls
            WHERE ${where.join(' AND ')}`,
          params,
        );
        const byStatus = Object.fromEntries(CALL_STATUSES.map((s) => [s, 0])) as Record<CallStatus, number>;
        const daily = new Map<string, CallStats['daily'][number]>();
        let duration = 0;
        let cost = 0;
        for (const row of rows) {
          byStatus[row.status] += 1;
          duration += row.duration_seconds;
          cost += Number(row.cost);
          const day = daily.get(row.day) ?? {
            date: row.day,
            calls: 0,
            successful: 0,
            failed: 0,
            durationSeconds: 0,
            cost: 0,
          };
          day.calls += 1;
          day.successful += row.status === 'completed' ? 1 : 0;
          day.failed += ['failed', 'busy', 'no_answer'].includes(row.status) ? 1 : 0;
          day.durationSeconds += row.duration_seconds;
          day.cost = Math.round((day.cost + Number(row.cost)) * 10_000) / 10_000;
          daily.set(row.day, day);
        }
        const successful = byStatus.completed;
        const failed = byStatus.failed + byStatus.busy + byStatus.no_answer;
        return {
          totalCalls: rows.length,
          successfulCalls: successful,
          failedCalls: failed,
          canceledCalls: byStatus.canceled,
          totalDurationSeconds: duration,
          averageDurationSeconds: successful ? Math.round((duration / successful) * 10) / 10 : 0,
          totalCost: Math.round(cost * 10_000) / 10_000,
          successRate: successful + failed ? Math.round((successful / (successful + failed)) * 10_000) / 10_000 : 0,
          byStatus,
          daily: [...daily.values()].sort((a, b) => a.date.localeCompare(b.date)),
        };
      };

      const overall = (await send('get', '/calls/stats', who.accessToken).expect(200)).body as CallStats;
      const expected = await recompute();
      expect(overall).toEqual(expected);
      expect(overall.totalCalls).toBe(360);
      expect(overall.daily).toHaveLength(14);
      expect(overall.successRate).toBeGreaterThan(0);
      expect(overall.successRate).toBeLessThan(1);

      const ranged = (
        await send('get', '/calls/stats', who.accessToken).query({ from: '2030-08-03', to: '2030-08-05' }).expect(200)
      ).body as CallStats;
      expect(ranged).toEqual(await recompute('2030-08-03', '2030-08-05'));
      expect(ranged.daily.map((d) => d.date)).toEqual(['2030-08-03', '2030-08-04', '2030-08-05']);
      // The per-status counts add up.
      expect(Object.values(ranged.byStatus).reduce((a, b) => a + b, 0)).toBe(ranged.totalCalls);
    });

    it('counts calls played by the engine like any other', async () => {
      const who = await caller(t);
      clock.set(Date.parse('2030-09-01T10:00:00.000Z'));
      for (const toNumber of ['+15005550004', '+15005550004', '+15005550001', '+15005550002', '+15005550003']) {
        await placeCall(t, who.accessToken, { toNumber }).expect(201);
      }
      clock.set(Date.parse('2030-09-01T11:00:00.000Z'));
      while ((await engine.tick()) > 0);
      const stats = (await send('get', '/calls/stats', who.accessToken).expect(200)).body as CallStats;
      expect(stats).toMatchObject({
        totalCalls: 5,
        successfulCalls: 2,
        failedCalls: 3,
        canceledCalls: 0,
        totalDurationSeconds: 60,
        averageDurationSeconds: 30,
        totalCost: 0.04,
        successRate: 0.4,
        daily: [{ date: '2030-09-01', calls: 5, successful: 2, failed: 3, durationSeconds: 60, cost: 0.04 }],
      });
      expect(stats.byStatus).toMatchObject({ completed: 2, failed: 1, busy: 1, no_answer: 1 });
    });

    it.each([{ from: 'soon' }, { to: '2030-02-30T25:00' }, { from: '2030-05-02', to: '2030-05-01' }, { page: 1 }])(
      'answers 400 to %j',
      async (query) => {
        const who = await caller(t);
        expectProblem(await send('get', '/calls/stats', who.accessToken).query(query), 400);
      },
    );
  });

  describe('GET /calls/export', () => {
    let owner: Caller;
    let rows: InsertedCall[];
    const start = Date.parse('2030-10-01T00:00:00.000Z');
    const tricky = [
      'Called about "the invoice", then hung up',
      'line one\nline two\r\nline three',
      'comma, "quote", and a trailing backslash \\',
      'unicode: café – 電話',
    ];
    const formulas = ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1:A2)', '\tcmd', '\rcmd'];

    beforeAll(async () => {
      owner = await caller(t);
      const other = await caller(t);
      const values: unknown[][] = [];
      const notes = [...tricky, ...formulas];
      for (let i = 0; i < 250; i++) {
        const status = (['completed', 'failed', 'busy', 'no_answer', 'canceled'] as const)[i % 5] as CallStatus;
        const duration = status === 'completed' ? 30 + i : 0;
        values.push([
          owner.user.id,
          owner.number,
          i % 7 === 0 ? '+19096874971' : '+15005550004',
          i % 3 === 0 ? 'inbound' : 'outbound',
          status,
          duration,
          new Date(start + i * 3600_000),
          new Date(start + i * 3600_000 + (duration + 5) * 1000),
          Math.ceil(duration / 60) * 0.02,
          i < notes.length ? notes[i] : i % 2 ? `note ${i}` : null,
          `MOCK${String(i).padStart(32, 'e')}`,
        ]);
      }
      await t.sql(
        `INSERT INTO calls (user_id, from_number, to_number, direction, status, duration_seconds, start_time, end_time,
                            cost, notes, call_sid) VALUES ?`,
        [values],
      );
      await insertCall(t, { userId: other.user.id, fromNumber: other.number, startTime: new Date(start) });
      rows = (
        await t.sql<{ id: number }>('SELECT id FROM calls WHERE user_id = ? ORDER BY start_time DESC, id DESC', [
          owner.user.id,
        ])
      ).map((r) => ({ id: r.id }) as InsertedCall);
    });

    const exportCsv = async (query: Record<string, string> = {}) => {
      const res = await send('get', '/calls/export', owner.accessToken).query(query).buffer(true).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="calls-\d{4}-\d{2}-\d{2}\.csv"$/);
      const records = parse(res.text, { relax_column_count: false }) as string[][];
      expect(records[0]).toEqual(EXPORT_COLUMNS);
      return records.slice(1).map((r) => Object.fromEntries(EXPORT_COLUMNS.map((c, i) => [c, r[i]])));
    };
    const listAll = async (query: Record<string, string>) => {
      const all: Call[] = [];
      for (let page = 1; ; page++) {
        const body = (
          await send('get', '/calls', owner.accessToken)
            .query({ ...query, page, pageSize: 100 })
            .expect(200)
        ).body as { data: Call[]; meta: { totalPages: number } };
        all.push(...body.data);
        if (page >= body.meta.totalPages) return all;
      }
    };

    it('exports every one of my calls (more than a page), newest first, each as the API shows it', async () => {
      const records = await exportCsv();
      expect(records).toHaveLength(250);
      expect(records.map((r) => Number(r['id']))).toEqual(rows.map((r) => r.id));
      const listed = await listAll({});
      expect(listed.map((c) => String(c.id))).toEqual(records.map((r) => r['id']));
      for (const [index, call] of listed.entries()) {
        const record = records[index] as Record<string, string>;
        expect(record).toMatchObject({
          startTime: call.startTime,
          endTime: call.endTime ?? '',
          direction: call.direction,
          fromNumber: call.fromNumber,
          toNumber: call.toNumber,
          status: call.status,
          durationSeconds: String(call.durationSeconds),
          cost: call.cost.toFixed(4),
          callSid: call.callSid,
        });
        const notes = call.notes ?? '';
        expect(record['notes']).toBe(/^[=+\-@\t\r]/.test(notes) ? `'${notes}` : notes);
      }
    });

    it('quotes notes with commas, quotes and newlines so they parse back unchanged, and neutralises formulas', async () => {
      const records = await exportCsv();
      const notes = records.map((r) => r['notes']);
      for (const note of tricky) expect(notes).toContain(note);
      for (const formula of formulas) {
        expect(notes).toContain(`'${formula}`);
        expect(notes).not.toContain(formula);
      }
      // No note of the file starts like a formula.
      for (const record of records) expect(record['notes']).not.toMatch(/^[=+\-@\t\r]/);
    });

    it.each([
      { status: 'completed' },
      { direction: 'inbound' },
      { q: '9096874971' },
      { from: '2030-10-03', to: '2030-10-05' },
      { from: '2030-10-03T05:00:00.000Z', to: '2030-10-04T05:00:00.000Z', status: 'failed' },
      { sort: '-durationSeconds' },
      { sort: 'startTime', format: 'csv' },
    ] as Record<string, string>[])('applies the list filters %j', async (query) => {
      const records = await exportCsv(query);
      const filters = Object.fromEntries(Object.entries(query).filter(([name]) => name !== 'format'));
      const listed = await listAll(filters);
      expect(records.map((r) => r['id'])).toEqual(listed.map((c) => String(c.id)));
      expect(records.length).toBeGreaterThan(0);
    });

    it('answers just the header when nothing matches, and 400 to a bad filter or format', async () => {
      expect(await exportCsv({ from: '2040-01-01' })).toEqual([]);
      for (const query of [{ format: 'xlsx' }, { status: 'nope' }, { page: '2' }, { pageSize: '10' }]) {
        expectProblem(await send('get', '/calls/export', owner.accessToken).query(query), 400);
      }
    });
  });

  describe('activity', () => {
    it('logs call_initiated with the caller’s address and agent, and call_ended when it ends', async () => {
      const who = await caller(t);
      clock.set(Date.now());
      const ip = nextIp();
      const res = await placeCall(t, who.accessToken, { toNumber: '+15005550002' })
        .set('X-Forwarded-For', ip)
        .set('User-Agent', 'softphone/1.0')
        .expect(201);
      clock.advance(60_000);
      while ((await engine.tick()) > 0);
      const logged = await t.sql<{
        action: string;
        entity_type: string;
        entity_id: number;
        ip_address: string;
        user_agent: string;
      }>(
        "SELECT action, entity_type, entity_id, ip_address, user_agent FROM activity_logs WHERE user_id = ? AND action LIKE 'call_%' ORDER BY id",
        [who.user.id],
      );
      expect(logged).toEqual([
        {
          action: 'call_initiated',
          entity_type: 'call',
          entity_id: res.body.id,
          ip_address: ip,
          user_agent: 'softphone/1.0',
        },
        // Ended by the engine: no request, so no address.
        { action: 'call_ended', entity_type: 'call', entity_id: res.body.id, ip_address: null, user_agent: null },
      ]);
    });

    it('logs nothing for a refused call', async () => {
      const who: SignedUp = await activeClient(t);
      expectProblem(await placeCall(t, who.accessToken, { toNumber: '+15005550004' }), 409);
      expect(
        await t.sql("SELECT id FROM activity_logs WHERE user_id = ? AND action LIKE 'call_%'", [who.user.id]),
      ).toEqual([]);
    });
  });
});
