import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Call } from '@hh/contracts';
import { CallEngine } from '../../src/app/calls/call-engine';
import { activeClient, bearer, logInAdmin, signUp } from '../support/accounts';
import { assignNumber, caller, Caller, freshNumber, ManualClock, placeCall } from '../support/calls';
import { expectProblem } from '../support/http';
import { sipEnv } from '../support/sip';
import { listen } from '../support/sse';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import { answer, decline, hangUp, legsOf, simulate, timeline } from './support';

const SECOND = 1000;
const DAY = 24 * 3600 * SECOND;
/** The mock's schedule of a call to a portal user (VOIP_MOCK_SPEED 1): ringing 2 s after, no answer 25 s later. */
const RING = 2 * SECOND;
const NO_ANSWER = RING + 25 * SECOND;

/**
 * Inbound calls in the mock, driven by hand (CALL_ENGINE=off, a manual clock): a call to a number a portal user holds
 * gets the callee's leg, both legs move together (answer, decline, hang-up, the 25 s timeout), and an admin can
 * simulate a call from outside.
 */
describe('inbound calls in the mock (engine driven by hand)', () => {
  let t: TestApp;
  let engine: CallEngine;
  let clock: ManualClock;
  let admin: string;
  let alice: Caller;
  let bob: Caller;
  let carol: Caller;
  let epoch = Date.parse('2032-03-01T08:00:00.000Z');

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback', CALL_ENGINE: 'off' });
    engine = t.app.get(CallEngine);
    clock = ManualClock.install(t);
    clock.set(epoch);
    admin = (await logInAdmin(t)).accessToken;
    [alice, bob, carol] = [await caller(t), await caller(t), await caller(t)];
  });
  afterAll(() => t.close());

  beforeEach(() => {
    epoch += 10 * DAY;
    clock.set(epoch);
  });
  afterEach(async () => {
    await t.sql('UPDATE calls SET next_status = NULL, next_transition_at = NULL WHERE next_status IS NOT NULL');
  });

  async function tickAt(ms: number): Promise<number> {
    clock.set(epoch + ms);
    let total = 0;
    for (let applied = await engine.tick(); applied > 0; applied = await engine.tick()) total += applied;
    return total;
  }

  /** Alice calls Bob's number: answers [caller's leg, callee's leg] (the callee's as Bob reads it). */
  async function aliceCallsBob(from: Caller = alice): Promise<[Call, Call]> {
    const placed = (await placeCall(t, from.accessToken, { toNumber: bob.number }).expect(201)).body as Call;
    const legs = await legsOf(t, placed.callSid as string);
    expect(legs.map((leg) => leg.id)).toEqual([placed.id, expect.any(Number)]);
    const callee = (await t.http().get(`/api/v1/calls/${legs[1]?.id}`).set(bearer(bob.accessToken)).expect(200))
      .body as Call;
    return [placed, callee];
  }

  const statuses = async (call: Call) => (await legsOf(t, call.callSid as string)).map((leg) => leg.status);

  describe('a call to a portal user (on-net)', () => {
    it("creates the callee's inbound leg with the caller's, free, which rings with it and waits 25 s", async () => {
      const [placed, callee] = await aliceCallsBob();
      expect(placed).toMatchObject({ direction: 'outbound', status: 'initiated', fromNumber: alice.number });
      expect(callee).toMatchObject({
        userId: bob.user.id,
        direction: 'inbound',
        status: 'initiated',
        fromNumber: alice.number,
        toNumber: bob.number,
        cost: 0,
        callSid: `${placed.callSid};in`,
      });
      const rows = await legsOf(t, placed.callSid as string);
      expect(rows.map((row) => [row.direction, Number(row.rate_per_minute), row.next_status])).toEqual([
        ['outbound', 0, 'ringing'],
        // The callee's leg follows the caller's: no schedule of its own.
        ['inbound', 0, null],
      ]);
      const initiated = await t.sql<{ user_id: number }>(
        "SELECT user_id FROM activity_logs WHERE action = 'call_initiated' AND entity_id IN (?, ?) ORDER BY entity_id",
        [placed.id, callee.id],
      );
      expect(initiated.map((row) => row.user_id)).toEqual([alice.user.id, bob.user.id]);

      await tickAt(RING - 1);
      expect(await statuses(placed)).toEqual(['initiated', 'initiated']);
      await tickAt(RING);
      expect(await statuses(placed)).toEqual(['ringing', 'ringing']);
      await tickAt(NO_ANSWER - 1);
      expect(await statuses(placed)).toEqual(['ringing', 'ringing']);
      await tickAt(NO_ANSWER);
      const ended = await legsOf(t, placed.callSid as string);
      expect(ended.map((row) => [row.status, row.end_time?.getTime(), row.duration_seconds, Number(row.cost)])).toEqual(
        [
          ['no_answer', epoch + NO_ANSWER, 0, 0],
          ['no_answer', epoch + NO_ANSWER, 0, 0],
        ],
      );
      expect(await timeline(t, callee.id)).toEqual(['initiated:api', 'ringing:engine', 'no_answer:engine']);
      // Inbound calls count in the callee's totals like any other call.
      const [totals] = await t.sql<{ total_calls: number; failed_calls: number }>(
        'SELECT total_calls, failed_calls FROM user_analytics WHERE user_id = ?',
        [bob.user.id],
      );
      expect(totals).toMatchObject({ total_calls: 1, failed_calls: 1 });
    });

    it('answer: only the callee, only while it rings; both legs in progress, then a hang-up completes both alike', async () => {
      const [placed, callee] = await aliceCallsBob();
      expectProblem(await answer(t, bob.accessToken, callee.id).expect(409), 409, /ringing/);
      await tickAt(RING);
      expectProblem(await answer(t, carol.accessToken, callee.id).expect(404), 404);
      expectProblem(await answer(t, alice.accessToken, callee.id).expect(404), 404);
      expectProblem(await answer(t, alice.accessToken, placed.id).expect(409), 409, /inbound/);
      clock.set(epoch + RING + 3 * SECOND);
      const answered = (await answer(t, bob.accessToken, callee.id).expect(200)).body as Call;
      expect(answered).toMatchObject({ id: callee.id, status: 'in_progress' });
      const answeredLog = await t.sql<{ user_id: number; entity_id: number }>(
        "SELECT user_id, entity_id FROM activity_logs WHERE action = 'call_answered' AND entity_id = ?",
        [callee.id],
      );
      expect(answeredLog).toEqual([{ user_id: bob.user.id, entity_id: callee.id }]);
      expect(await statuses(placed)).toEqual(['in_progress', 'in_progress']);
      expectProblem(await answer(t, bob.accessToken, callee.id).expect(409), 409);
      // The 25 s no longer apply once answered.
      await tickAt(NO_ANSWER + SECOND);
      expect(await statuses(placed)).toEqual(['in_progress', 'in_progress']);

      clock.set(epoch + RING + 3 * SECOND + 42 * SECOND);
      await hangUp(t, bob.accessToken, callee.id, 'completed').expect(200);
      const rows = await legsOf(t, placed.callSid as string);
      expect(rows.map((row) => [row.status, row.duration_seconds, Number(row.cost), row.next_status])).toEqual([
        ['completed', 42, 0, null],
        ['completed', 42, 0, null],
      ]);
      expect(await timeline(t, placed.id)).toEqual([
        'initiated:api',
        'ringing:engine',
        'in_progress:api',
        'completed:api',
      ]);
      expectProblem(await answer(t, bob.accessToken, callee.id).expect(409), 409, /completed/);
      const ended = await t.sql<{ entity_id: number }>(
        "SELECT entity_id FROM activity_logs WHERE action = 'call_ended' AND entity_id IN (?, ?) ORDER BY entity_id",
        [placed.id, callee.id],
      );
      expect(ended.map((row) => row.entity_id)).toEqual([placed.id, callee.id]);
    });

    it('the caller hanging up after the answer completes both legs with the same duration', async () => {
      const [placed, callee] = await aliceCallsBob();
      await tickAt(RING);
      clock.set(epoch + RING + SECOND);
      await answer(t, bob.accessToken, callee.id).expect(200);
      clock.set(epoch + RING + SECOND + 75 * SECOND);
      await hangUp(t, alice.accessToken, placed.id, 'completed').expect(200);
      const rows = await legsOf(t, placed.callSid as string);
      expect(rows.map((row) => [row.status, row.duration_seconds])).toEqual([
        ['completed', 75],
        ['completed', 75],
      ]);
    });

    it("decline ends both legs busy; the callee's decline is theirs alone", async () => {
      const [placed, callee] = await aliceCallsBob();
      await tickAt(RING);
      expectProblem(await decline(t, carol.accessToken, callee.id).expect(404), 404);
      expectProblem(await decline(t, alice.accessToken, placed.id).expect(409), 409);
      expect((await decline(t, bob.accessToken, callee.id).expect(200)).body).toMatchObject({ status: 'busy' });
      expect(await statuses(placed)).toEqual(['busy', 'busy']);
      const declinedLog = await t.sql<{ user_id: number }>(
        "SELECT user_id FROM activity_logs WHERE action = 'call_declined' AND entity_id = ?",
        [callee.id],
      );
      expect(declinedLog).toEqual([{ user_id: bob.user.id }]);
      expectProblem(await decline(t, bob.accessToken, callee.id).expect(409), 409);
      expectProblem(await answer(t, bob.accessToken, callee.id).expect(409), 409);
      expect(await tickAt(NO_ANSWER)).toBe(0);
    });

    it("a hang-up before the answer, by either side, cancels the caller's leg and leaves the callee a missed call", async () => {
      const [first] = await aliceCallsBob();
      await tickAt(RING);
      await hangUp(t, alice.accessToken, first.id, 'canceled').expect(200);
      expect(await statuses(first)).toEqual(['canceled', 'no_answer']);

      const [second, callee] = await aliceCallsBob();
      await hangUp(t, bob.accessToken, callee.id, 'canceled').expect(200);
      expect(await statuses(second)).toEqual(['canceled', 'no_answer']);
      // Nothing is left for the engine: neither leg rings on.
      expect(await tickAt(NO_ANSWER)).toBe(0);
      expect(await statuses(second)).toEqual(['canceled', 'no_answer']);
    });

    it('test numbers and numbers nobody holds keep their single leg and plan', async () => {
      const suspended = await caller(t);
      await t.sql("UPDATE users SET status = 'suspended' WHERE id = ?", [suspended.user.id]);
      for (const toNumber of ['+15005550004', freshNumber(), suspended.number]) {
        const placed = (await placeCall(t, alice.accessToken, { toNumber }).expect(201)).body as Call;
        expect((await legsOf(t, placed.callSid as string)).map((row) => row.direction)).toEqual(['outbound']);
      }
    });

    it('answer, hang-up and the timeout racing each other leave both legs consistent, never half-applied', async () => {
      for (let round = 0; round < 6; round++) {
        epoch += DAY;
        clock.set(epoch);
        // A caller of its own each round: 10 calls a minute each.
        const someone = await caller(t);
        const [placed, callee] = await aliceCallsBob(someone);
        await tickAt(RING);
        clock.set(epoch + NO_ANSWER);
        const answers = await Promise.all([
          answer(t, bob.accessToken, callee.id),
          hangUp(t, someone.accessToken, placed.id, 'canceled'),
          engine.tick(),
          hangUp(t, bob.accessToken, callee.id, 'canceled'),
        ]);
        for (const res of [answers[0], answers[1], answers[3]]) expect([200, 409]).toContain(res.status);
        const legs = await statuses(placed);
        expect([
          ['in_progress', 'in_progress'],
          ['canceled', 'no_answer'],
          ['no_answer', 'no_answer'],
          ['completed', 'completed'],
        ]).toContainEqual(legs);
        const events = await t.sql<{ call_id: number; n: number }>(
          `SELECT call_id, COUNT(*) AS n FROM call_events WHERE call_id IN (?, ?) AND status NOT IN ('initiated', 'ringing')
            GROUP BY call_id, status HAVING COUNT(*) > 1`,
          [placed.id, callee.id],
        );
        expect(events).toEqual([]);
      }
    });
  });

  describe('POST /sim/inbound-calls', () => {
    let dave: Caller;
    beforeAll(async () => {
      dave = await caller(t);
    });

    it('is for admins only: 401 anonymous, 403 for clients', async () => {
      expectProblem(await simulate(t, undefined, { to: dave.number }).expect(401), 401);
      expectProblem(await simulate(t, dave.accessToken, { to: dave.number }).expect(403), 403);
      expect(await t.sql('SELECT id FROM calls WHERE user_id = ?', [dave.user.id])).toEqual([]);
    });

    it('400 for a malformed number or scenario, 404 for a number no active user holds', async () => {
      expectProblem(await simulate(t, admin, {}).expect(400), 400);
      expectProblem(await simulate(t, admin, { to: 'not a number' }).expect(400), 400);
      expectProblem(await simulate(t, admin, { to: dave.number, from: '12' }).expect(400), 400);
      expectProblem(await simulate(t, admin, { to: dave.number, scenario: 'caller_sings' }).expect(400), 400);
      expectProblem(await simulate(t, admin, { to: freshNumber() }).expect(404), 404, /not assigned/);
      const pending = await signUp(t);
      const held = await assignNumber(t, pending.user.id);
      expectProblem(await simulate(t, admin, { to: held }).expect(404), 404);
      expect(await t.sql('SELECT id FROM calls WHERE user_id IN (?, ?)', [dave.user.id, pending.user.id])).toEqual([]);
    });

    it("answers 201 with the callee's call only (the caller is outside), from a plausible number by default", async () => {
      const res = await simulate(t, admin, { to: dave.number }).expect(201);
      const call = res.body as Call;
      expect(call).toMatchObject({
        userId: dave.user.id,
        direction: 'inbound',
        toNumber: dave.number,
        status: 'initiated',
      });
      expect(call.fromNumber).toMatch(/^\+1\d{3}55501\d\d$/);
      expect(await legsOf(t, call.callSid as string)).toHaveLength(1);
      const given = (await simulate(t, admin, { to: dave.number, from: '(212) 555-0147' }).expect(201)).body as Call;
      expect(given.fromNumber).toBe('+12125550147');
    });

    it('caller_waits (the default): rings, then no_answer after 25 s; answered, it lasts until the callee hangs up', async () => {
      const missed = (await simulate(t, admin, { to: dave.number }).expect(201)).body as Call;
      await tickAt(RING);
      expect(await statuses(missed)).toEqual(['ringing']);
      await tickAt(NO_ANSWER - 1);
      expect(await statuses(missed)).toEqual(['ringing']);
      await tickAt(NO_ANSWER);
      expect(await statuses(missed)).toEqual(['no_answer']);

      epoch += DAY;
      clock.set(epoch);
      const taken = (await simulate(t, admin, { to: dave.number, scenario: 'caller_waits' }).expect(201)).body as Call;
      await tickAt(RING);
      clock.set(epoch + RING + SECOND);
      await answer(t, dave.accessToken, taken.id).expect(200);
      await tickAt(3600 * SECOND);
      expect(await statuses(taken)).toEqual(['in_progress']);
      await hangUp(t, dave.accessToken, taken.id, 'completed').expect(200);
      const [row] = await legsOf(t, taken.callSid as string);
      expect(row).toMatchObject({ status: 'completed', duration_seconds: 3600 - 3, cost: '0.0000' });
    });

    it('caller_hangs_up_ringing: the caller gives up after 8 s of ringing, a missed call', async () => {
      const call = (await simulate(t, admin, { to: dave.number, scenario: 'caller_hangs_up_ringing' }).expect(201))
        .body as Call;
      await tickAt(RING);
      await tickAt(RING + 8 * SECOND - 1);
      expect(await statuses(call)).toEqual(['ringing']);
      await tickAt(RING + 8 * SECOND);
      expect(await statuses(call)).toEqual(['no_answer']);
      expectProblem(await answer(t, dave.accessToken, call.id).expect(409), 409);
    });

    it('caller_hangs_up_after_10s: completed 10 s after the answer', async () => {
      const call = (await simulate(t, admin, { to: dave.number, scenario: 'caller_hangs_up_after_10s' }).expect(201))
        .body as Call;
      await tickAt(RING);
      clock.set(epoch + RING + 4 * SECOND);
      await answer(t, dave.accessToken, call.id).expect(200);
      await tickAt(RING + 14 * SECOND - 1);
      expect(await statuses(call)).toEqual(['in_progress']);
      await tickAt(RING + 14 * SECOND);
      const [row] = await legsOf(t, call.callSid as string);
      expect(row).toMatchObject({ status: 'completed', duration_seconds: 10 });
      expect(await timeline(t, call.id)).toEqual([
        'initiated:api',
        'ringing:engine',
        'in_progress:api',
        'completed:engine',
      ]);
    });

    it('npm run sim:inbound-call signs in as the admin and prints the call; a refusal exits 1 with its detail', async () => {
      const script = join(__dirname, '../../../../tools/sim/inbound-call.mjs');
      const url = await listen(t);
      const env = { ...process.env, ADMIN_EMAIL, ADMIN_PASSWORD };
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [script, '--to', dave.number, '--from', '+12125550147', '--scenario', 'caller_hangs_up_ringing', '--url', url],
        { env },
      );
      const printed = JSON.parse(stdout) as Call;
      expect(printed).toMatchObject({ userId: dave.user.id, direction: 'inbound', fromNumber: '+12125550147' });
      const [row] = await t.sql<{ plan_outcome_ms: number }>('SELECT plan_outcome_ms FROM calls WHERE id = ?', [
        printed.id,
      ]);
      expect(row?.plan_outcome_ms).toBe(8000);
      const refused = await promisify(execFile)(process.execPath, [script, '--to', freshNumber(), '--url', url], {
        env,
      }).catch((error: { code: number; stderr: string }) => error);
      expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/404 .*not assigned/) });
    });

    it('a simulated call declined is busy; hung up while it rings is missed', async () => {
      const declined = (await simulate(t, admin, { to: dave.number }).expect(201)).body as Call;
      const dropped = (await simulate(t, admin, { to: dave.number }).expect(201)).body as Call;
      await tickAt(RING);
      await decline(t, dave.accessToken, declined.id).expect(200);
      await hangUp(t, dave.accessToken, dropped.id, 'canceled').expect(200);
      expect([...(await statuses(declined)), ...(await statuses(dropped))]).toEqual(['busy', 'no_answer']);
    });
  });

  describe('the direction filter', () => {
    it('GET /calls, its export and GET /calls/stats take direction=inbound|outbound', async () => {
      const erin = await caller(t);
      const frank = await caller(t);
      const placed = (await placeCall(t, erin.accessToken, { toNumber: frank.number }).expect(201)).body as Call;
      const back = (await placeCall(t, frank.accessToken, { toNumber: erin.number }).expect(201)).body as Call;
      await tickAt(RING);
      await tickAt(NO_ANSWER);
      const list = async (direction?: string) =>
        (
          (
            await t
              .http()
              .get('/api/v1/calls')
              .query(direction ? { direction } : {})
              .set(bearer(erin.accessToken))
              .expect(200)
          ).body as { data: Call[] }
        ).data.map((call) => call.direction);
      expect((await list()).sort()).toEqual(['inbound', 'outbound']);
      expect(await list('inbound')).toEqual(['inbound']);
      expect(await list('outbound')).toEqual(['outbound']);
      expectProblem(
        await t.http().get('/api/v1/calls?direction=sideways').set(bearer(erin.accessToken)).expect(400),
        400,
      );

      const csv = await t
        .http()
        .get('/api/v1/calls/export?direction=inbound')
        .set(bearer(erin.accessToken))
        .expect(200);
      const lines = csv.text.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(',inbound,');
      expect(lines[1]).toContain(`${back.callSid};in`);

      const stats = async (direction?: string) =>
        (
          await t
            .http()
            .get('/api/v1/calls/stats')
            .query(direction ? { direction } : {})
            .set(bearer(erin.accessToken))
            .expect(200)
        ).body as { totalCalls: number; byStatus: Record<string, number> };
      expect((await stats()).totalCalls).toBe(2);
      expect(await stats('inbound')).toMatchObject({ totalCalls: 1, byStatus: { no_answer: 1 } });
      expect((await stats('outbound')).totalCalls).toBe(1);
      expectProblem(
        await t.http().get('/api/v1/calls/stats?direction=up').set(bearer(erin.accessToken)).expect(400),
        400,
      );
      expect(placed.direction).toBe('outbound');
    });
  });

  it('answer and decline refuse malformed ids (400) and anonymous callers (401)', async () => {
    const someone = await activeClient(t);
    expectProblem(await answer(t, someone.accessToken, 'abc').expect(400), 400);
    expectProblem(await decline(t, someone.accessToken, 'abc').expect(400), 400);
    expectProblem(await answer(t, someone.accessToken, 999999999).expect(404), 404);
    expectProblem(await t.http().post('/api/v1/calls/1/answer').expect(401), 401);
    expectProblem(await t.http().post('/api/v1/calls/1/decline').expect(401), 401);
  });
});

describe('inbound calls with real calls (sip)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback', CALL_ENGINE: 'off', ...sipEnv() });
  });
  afterAll(() => t.close());

  it('POST /sim/inbound-calls is a 404: simulated calls exist only in the mock', async () => {
    const owner = await caller(t);
    const admin = (await logInAdmin(t)).accessToken;
    expectProblem(await simulate(t, admin, { to: owner.number }).expect(404), 404, /mock/);
    expectProblem(await simulate(t, owner.accessToken, { to: owner.number }).expect(403), 403);
  });
});
