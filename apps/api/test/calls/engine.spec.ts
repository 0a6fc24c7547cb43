import type { Call, CallStatus } from '@hh/contracts';
import { CallEngine } from '../../src/app/calls/call-engine';
import { startTestApp, TestApp } from '../support/test-app';
import { bearer } from '../support/accounts';
import {
  ALLOWED_PATHS,
  analyticsAndRecomputation,
  caller,
  Caller,
  FINAL,
  ManualClock,
  noTotals,
  placeCall,
  timelines,
} from '../support/calls';

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const BATCH = 5;

interface ActivityRow {
  action: string;
  entity_type: string;
  entity_id: number;
  details: string | Record<string, unknown>;
}

/**
 * The durable engine, driven by hand: the worker loop is off (CALL_ENGINE=off), the spec owns the clock and calls
 * tick() itself, so every transition is checked at, and only at, the moment it falls due. VOIP_MOCK_SPEED is 1:
 * simulated time is real time here.
 */
describe('the call engine, driven by hand (CALL_ENGINE=off, a manual clock)', () => {
  let t: TestApp;
  let engine: CallEngine;
  let clock: ManualClock;
  let epoch = Date.parse('2031-01-01T08:00:00.000Z');

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback', CALL_ENGINE: 'off', CALL_ENGINE_BATCH: String(BATCH) });
    engine = t.app.get(CallEngine);
    clock = ManualClock.install(t);
  });
  afterAll(() => t.close());

  beforeEach(() => {
    // Each test lives on its own day, after everything earlier tests scheduled.
    epoch += 10 * 24 * HOUR;
    clock.set(epoch);
  });
  afterEach(async () => {
    // Nothing a test leaves in flight may fall due during the next one.
    await t.sql('UPDATE calls SET next_status = NULL, next_transition_at = NULL WHERE next_status IS NOT NULL');
  });

  const at = (ms: number) => new Date(epoch + ms);
  const iso = (ms: number) => at(ms).toISOString();

  /** Sets the clock to epoch + ms and runs one tick. */
  async function tickAt(ms: number, limit?: number): Promise<number> {
    clock.set(epoch + ms);
    return engine.tick(limit);
  }

  /** Ticks at epoch + ms until nothing more is due; returns how many transitions were applied. */
  async function drainAt(ms: number): Promise<number> {
    clock.set(epoch + ms);
    let total = 0;
    for (let applied = await engine.tick(); applied > 0; applied = await engine.tick()) total += applied;
    return total;
  }

  async function place(who: Caller, toNumber: string): Promise<Call> {
    const res = await placeCall(t, who.accessToken, { toNumber }).expect(201);
    expect(res.body).toMatchObject({ status: 'initiated', startTime: clock.now().toISOString() });
    return res.body as Call;
  }

  async function get(who: Caller, id: number): Promise<Call> {
    return (await t.http().get(`/api/v1/calls/${id}`).set(bearer(who.accessToken)).expect(200)).body as Call;
  }

  async function statuses(ids: number[]): Promise<CallStatus[]> {
    const rows = await t.sql<{ id: number; status: CallStatus }>(
      `SELECT id, status FROM calls WHERE id IN (${ids.join(',')}) ORDER BY id`,
    );
    return rows.map((row) => row.status);
  }

  async function activity(userId: number, action: string): Promise<ActivityRow[]> {
    const rows = await t.sql<ActivityRow>(
      'SELECT action, entity_type, entity_id, details FROM activity_logs WHERE user_id = ? AND action = ? ORDER BY id',
      [userId, action],
    );
    return rows.map((row) => ({
      ...row,
      details: typeof row.details === 'string' ? (JSON.parse(row.details) as Record<string, unknown>) : row.details,
    }));
  }

  async function expectAnalytics(userId: number, expected: Record<string, number | string>): Promise<void> {
    const { stored, recomputed } = await analyticsAndRecomputation(t, [userId]);
    expect(stored).toEqual([{ user_id: userId, ...expected }]);
    expect(stored).toEqual(recomputed);
  }

  it('plays +15005550004: ringing at +2 s, in_progress 3 s later, completed after exactly 30 s (0.02)', async () => {
    const who = await caller(t);
    const call = await place(who, '+15005550004');

    expect(await tickAt(0)).toBe(0);
    expect(await tickAt(1999)).toBe(0);
    expect((await get(who, call.id)).status).toBe('initiated');

    expect(await tickAt(2000)).toBe(1);
    expect(await get(who, call.id)).toMatchObject({ status: 'ringing', endTime: null, durationSeconds: 0 });

    expect(await tickAt(4999)).toBe(0);
    expect(await tickAt(5000)).toBe(1);
    expect(await get(who, call.id)).toMatchObject({ status: 'in_progress', endTime: null, cost: 0 });

    expect(await tickAt(34_999)).toBe(0);
    expect(await tickAt(35_000)).toBe(1);
    expect(await get(who, call.id)).toEqual({
      ...call,
      status: 'completed',
      durationSeconds: 30,
      cost: 0.02,
      endTime: iso(35_000),
    });

    // Final: nothing more is ever due for it.
    expect(await tickAt(10 * HOUR)).toBe(0);

    const timeline = (await timelines(t, [call.id])).get(call.id);
    expect(timeline).toEqual([
      { call_id: call.id, status: 'initiated', occurred_at: at(0), recorded_at: at(0), source: 'api' },
      { call_id: call.id, status: 'ringing', occurred_at: at(2000), recorded_at: at(2000), source: 'engine' },
      { call_id: call.id, status: 'in_progress', occurred_at: at(5000), recorded_at: at(5000), source: 'engine' },
      { call_id: call.id, status: 'completed', occurred_at: at(35_000), recorded_at: at(35_000), source: 'engine' },
    ]);

    await expectAnalytics(who.user.id, {
      total_calls: 1,
      successful_calls: 1,
      failed_calls: 0,
      canceled_calls: 0,
      total_duration_seconds: 30,
      total_cost: '0.0200',
    });
    expect(await activity(who.user.id, 'call_initiated')).toEqual([
      {
        action: 'call_initiated',
        entity_type: 'call',
        entity_id: call.id,
        details: { fromNumber: who.number, toNumber: '+15005550004' },
      },
    ]);
    expect(await activity(who.user.id, 'call_ended')).toEqual([
      {
        action: 'call_ended',
        entity_type: 'call',
        entity_id: call.id,
        details: { status: 'completed', durationSeconds: 30, cost: 0.02, by: 'engine' },
      },
    ]);
  });

  it('keeps the scheduled timeline when it runs late: a tick 10 minutes on still ends the call at +35 s', async () => {
    const who = await caller(t);
    const call = await place(who, '+15005550004');
    expect(await drainAt(10 * 60 * SECOND)).toBe(3);
    expect(await get(who, call.id)).toMatchObject({ status: 'completed', durationSeconds: 30, endTime: iso(35_000) });
    const timeline = (await timelines(t, [call.id])).get(call.id) ?? [];
    expect(timeline.map((e) => [e.status, e.occurred_at])).toEqual([
      ['initiated', at(0)],
      ['ringing', at(2000)],
      ['in_progress', at(5000)],
      ['completed', at(35_000)],
    ]);
    // recorded_at - occurred_at is the lateness: here the whole wait.
    expect(timeline.slice(1).map((e) => e.recorded_at)).toEqual([at(600_000), at(600_000), at(600_000)]);
  });

  it('ends +15005550001 failed, +15005550002 busy and +15005550003 no_answer: duration 0, cost 0, endTime set', async () => {
    const who = await caller(t);
    const failed = await place(who, '+15005550001');
    const busy = await place(who, '+15005550002');
    const noAnswer = await place(who, '+15005550003');
    const ids = [failed.id, busy.id, noAnswer.id];

    expect(await tickAt(1999)).toBe(0);
    expect(await tickAt(2000)).toBe(3);
    expect(await statuses(ids)).toEqual(['ringing', 'ringing', 'ringing']);
    // The outcome comes 3–8 s after ringing, never sooner.
    expect(await tickAt(4999)).toBe(0);
    expect(await drainAt(10_000)).toBe(3);

    const timeline = await timelines(t, ids);
    const expected: [Call, CallStatus][] = [
      [failed, 'failed'],
      [busy, 'busy'],
      [noAnswer, 'no_answer'],
    ];
    for (const [call, status] of expected) {
      const events = timeline.get(call.id) ?? [];
      expect(events.map((e) => e.status)).toEqual(['initiated', 'ringing', status]);
      const ended = events[2]?.occurred_at as Date;
      expect(ended.getTime()).toBeGreaterThanOrEqual(epoch + 5000);
      expect(ended.getTime()).toBeLessThanOrEqual(epoch + 10_000);
      expect(await get(who, call.id)).toEqual({
        ...call,
        status,
        durationSeconds: 0,
        cost: 0,
        endTime: ended.toISOString(),
      });
    }
    await expectAnalytics(who.user.id, {
      total_calls: 3,
      successful_calls: 0,
      failed_calls: 3,
      canceled_calls: 0,
      total_duration_seconds: 0,
      total_cost: '0.0000',
    });
    const ended = await activity(who.user.id, 'call_ended');
    expect(ended.map((row) => [row.entity_id, row.details])).toEqual(
      expect.arrayContaining([
        [failed.id, { status: 'failed', durationSeconds: 0, cost: 0, by: 'engine' }],
        [busy.id, { status: 'busy', durationSeconds: 0, cost: 0, by: 'engine' }],
        [noAnswer.id, { status: 'no_answer', durationSeconds: 0, cost: 0, by: 'engine' }],
      ]),
    );
    expect(ended).toHaveLength(3);
  });

  it('keeps +15005550005 in progress until hung up, and completes it at 4 hours (duration 14400)', async () => {
    const who = await caller(t);
    const call = await place(who, '+15005550005');
    expect(await drainAt(5000)).toBe(2);
    expect((await get(who, call.id)).status).toBe('in_progress');

    expect(await drainAt(5000 + HOUR)).toBe(0);
    expect(await drainAt(5000 + 4 * HOUR - 1)).toBe(0);
    expect(await get(who, call.id)).toMatchObject({ status: 'in_progress', endTime: null, durationSeconds: 0 });

    expect(await drainAt(5000 + 4 * HOUR)).toBe(1);
    expect(await get(who, call.id)).toMatchObject({
      status: 'completed',
      durationSeconds: 14_400,
      cost: 4.8, // ceil(14400 / 60) × 0.02
      endTime: iso(5000 + 4 * HOUR),
    });
    await expectAnalytics(who.user.id, {
      total_calls: 1,
      successful_calls: 1,
      failed_calls: 0,
      canceled_calls: 0,
      total_duration_seconds: 14_400,
      total_cost: '4.8000',
    });
  });

  it('applies nothing before it is due: the state is untouched, and one event per call', async () => {
    const who = await caller(t);
    const calls = [await place(who, '+15005550004'), await place(who, '+15005550001')];
    const ids = calls.map((c) => c.id);
    const before = await t.sql(`SELECT * FROM calls WHERE id IN (${ids.join(',')}) ORDER BY id`);
    expect(await tickAt(0)).toBe(0);
    expect(await tickAt(1000)).toBe(0);
    expect(await tickAt(1999)).toBe(0);
    expect(await t.sql(`SELECT * FROM calls WHERE id IN (${ids.join(',')}) ORDER BY id`)).toEqual(before);
    const timeline = await timelines(t, ids);
    expect(ids.map((id) => timeline.get(id)?.map((e) => e.status))).toEqual([['initiated'], ['initiated']]);
    expect(await analyticsAndRecomputation(t, [who.user.id])).toEqual({
      stored: [noTotals(who.user.id)],
      recomputed: [noTotals(who.user.id)],
    });
  });

  it(`applies at most one batch per tick (CALL_ENGINE_BATCH=${BATCH}), the longest-due first`, async () => {
    const who = await caller(t);
    const calls: Call[] = [];
    for (let i = 0; i < 7; i++) {
      clock.set(epoch + i);
      calls.push(await place(who, '+15005550004'));
    }
    const ids = calls.map((c) => c.id);
    expect(await tickAt(2000 + 10)).toBe(BATCH);
    expect(await statuses(ids)).toEqual([...Array(BATCH).fill('ringing'), 'initiated', 'initiated']);
    expect(await tickAt(2000 + 10, 1)).toBe(1);
    expect(await statuses(ids)).toEqual([...Array(BATCH + 1).fill('ringing'), 'initiated']);
    expect(await tickAt(2000 + 10)).toBe(1);
    expect(await tickAt(2000 + 10)).toBe(0);
    expect(await statuses(ids)).toEqual(Array(7).fill('ringing'));
  });

  it('settles user_analytics in the same transaction as the final status: a failed update leaves the call as it was', async () => {
    const who = await caller(t);
    const call = await place(who, '+15005550004');
    expect(await drainAt(5000)).toBe(2);
    // A trigger makes the user_analytics write fail for this user only.
    const trigger = `fail_analytics_${who.user.id}`;
    const failFor = (event: string) =>
      `CREATE TRIGGER ${trigger}_${event} BEFORE ${event} ON user_analytics FOR EACH ROW
         IF NEW.user_id = ${who.user.id} THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'analytics unavailable'; END IF`;
    await t.sql(failFor('insert'));
    await t.sql(failFor('update'));
    try {
      clock.set(epoch + 35_000);
      await expect(engine.tick()).rejects.toThrow(/analytics unavailable/);
    } finally {
      await t.sql(`DROP TRIGGER ${trigger}_insert`);
      await t.sql(`DROP TRIGGER ${trigger}_update`);
    }
    // Rolled back as a whole: still in progress, no completed event, no call_ended, no totals.
    expect(await get(who, call.id)).toMatchObject({ status: 'in_progress', endTime: null, durationSeconds: 0 });
    expect((await timelines(t, [call.id])).get(call.id)?.map((e) => e.status)).toEqual([
      'initiated',
      'ringing',
      'in_progress',
    ]);
    expect(await activity(who.user.id, 'call_ended')).toEqual([]);
    expect(await analyticsAndRecomputation(t, [who.user.id])).toEqual({
      stored: [noTotals(who.user.id)],
      recomputed: [noTotals(who.user.id)],
    });

    // The next tick applies it, once, with the scheduled end time.
    expect(await tickAt(36_000)).toBe(1);
    expect(await tickAt(36_000)).toBe(0);
    expect(await get(who, call.id)).toMatchObject({ status: 'completed', durationSeconds: 30, endTime: iso(35_000) });
    await expectAnalytics(who.user.id, {
      total_calls: 1,
      successful_calls: 1,
      failed_calls: 0,
      canceled_calls: 0,
      total_duration_seconds: 30,
      total_cost: '0.0200',
    });
  });

  it('counts a hang-up once: canceled while ringing, the engine never applies the planned step afterwards', async () => {
    const who = await caller(t);
    const call = await place(who, '+15005550004');
    expect(await tickAt(2000)).toBe(1);
    clock.set(epoch + 3000);
    const res = await t
      .http()
      .patch(`/api/v1/calls/${call.id}`)
      .set(bearer(who.accessToken))
      .send({ status: 'canceled' })
      .expect(200);
    expect(res.body).toMatchObject({ status: 'canceled', durationSeconds: 0, cost: 0, endTime: iso(3000) });
    expect(await drainAt(HOUR)).toBe(0);
    expect((await timelines(t, [call.id])).get(call.id)?.map((e) => [e.status, e.source])).toEqual([
      ['initiated', 'api'],
      ['ringing', 'engine'],
      ['canceled', 'api'],
    ]);
    await expectAnalytics(who.user.id, {
      total_calls: 1,
      successful_calls: 0,
      failed_calls: 0,
      canceled_calls: 1,
      total_duration_seconds: 0,
      total_cost: '0.0000',
    });
    expect((await activity(who.user.id, 'call_ended')).map((row) => row.details)).toEqual([
      { status: 'canceled', durationSeconds: 0, cost: 0, by: 'api' },
    ]);
  });

  it('plays a random number along one of the plan’s paths, with the plan’s timing, duration and cost', async () => {
    const who = await caller(t);
    const calls: Call[] = [];
    for (let i = 0; i < 8; i++) calls.push(await place(who, '+19096874971'));
    expect(await drainAt(HOUR)).toBeGreaterThanOrEqual(8 * 2);
    const timeline = await timelines(
      t,
      calls.map((c) => c.id),
    );
    for (const call of calls) {
      const events = timeline.get(call.id) ?? [];
      const path = events.map((e) => e.status);
      expect(ALLOWED_PATHS.map((allowed) => allowed.join())).toContain(path.join());
      expect(path).not.toContain('busy'); // only the busy test number is busy
      const times = events.map((e) => e.occurred_at.getTime() - epoch);
      expect(times[1]).toBe(2000);
      expect(times[2]).toBeGreaterThanOrEqual(2000 + 3000);
      expect(times[2]).toBeLessThanOrEqual(2000 + 8000);
      const final = await get(who, call.id);
      expect(FINAL).toContain(final.status);
      expect(final.endTime).toBe(events[events.length - 1]?.occurred_at.toISOString());
      if (final.status === 'completed') {
        const talk = ((times[3] as number) - (times[2] as number)) / 1000;
        expect(talk).toBeGreaterThanOrEqual(30);
        expect(talk).toBeLessThanOrEqual(180);
        expect(final.durationSeconds).toBe(talk);
        expect(final.cost).toBeCloseTo(Math.ceil(talk / 60) * 0.02, 4);
      } else {
        expect(final).toMatchObject({ durationSeconds: 0, cost: 0 });
      }
    }
    const { stored, recomputed } = await analyticsAndRecomputation(t, [who.user.id]);
    expect(stored).toEqual(recomputed);
    expect(stored[0]?.total_calls).toBe(8);
  });
});

/**
 * At high VOIP_MOCK_SPEED a planned talk time is a fraction of a millisecond per second in real time, and the
 * schedule keeps whole milliseconds: the duration must still be the plan's, not what the rounded times suggest.
 */
describe('the call engine at VOIP_MOCK_SPEED=7000', () => {
  let t: TestApp;
  let clock: ManualClock;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback', CALL_ENGINE: 'off', VOIP_MOCK_SPEED: '7000' });
    clock = ManualClock.install(t, Date.parse('2031-06-01T00:00:00.000Z'));
  });
  afterAll(() => t.close());

  it('completes +15005550004 after exactly 30 s and +15005550005 after exactly 4 h (14400 s)', async () => {
    const who = await caller(t);
    const thirty = (await placeCall(t, who.accessToken, { toNumber: '+15005550004' }).expect(201)).body as Call;
    const hours = (await placeCall(t, who.accessToken, { toNumber: '+15005550005' }).expect(201)).body as Call;
    clock.advance(60_000); // 4 h of simulated time is ~2 s of real time here
    const engine = t.app.get(CallEngine);
    while ((await engine.tick()) > 0);
    const get = async (id: number) =>
      (await t.http().get(`/api/v1/calls/${id}`).set(bearer(who.accessToken)).expect(200)).body as Call;
    expect(await get(thirty.id)).toMatchObject({ status: 'completed', durationSeconds: 30, cost: 0.02 });
    expect(await get(hours.id)).toMatchObject({ status: 'completed', durationSeconds: 14_400, cost: 4.8 });
  });
});
