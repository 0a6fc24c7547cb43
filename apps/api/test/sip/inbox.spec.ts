import { randomBytes } from 'node:crypto';
import type { Call, CallStatus } from '@hh/contracts';
import { CallEngine } from '../../src/app/calls/call-engine';
import { SipEventInbox } from '../../src/app/voip/sip/sip-event-inbox';
import { createConnection } from 'mysql2/promise';
import { Clock } from '../../src/common/clock';
import { dropDatabase, startTestApp, TestApp, testDbServer } from '../support/test-app';
import { analyticsAndRecomputation, caller, Caller, eventually, FINAL, ManualClock, timelines } from '../support/calls';
import { rollupsAndRecomputation } from '../support/rollups';
import { listen, SseClient } from '../support/sse';
import {
  callsOfDialog,
  decide,
  FakeKamailio,
  firstRow,
  insertSipEvent,
  SipCallRow,
  sipEnv,
  userInvite,
} from '../support/sip';

const RATE = 0.05;
const OFF_NET = '+19096874971';

describe('the SIP event inbox, driven by hand (CALL_ENGINE=off)', () => {
  let t: TestApp;
  let kamailio: FakeKamailio;
  let inbox: SipEventInbox;
  beforeAll(async () => {
    kamailio = await FakeKamailio.start();
    t = await startTestApp({
      TRUST_PROXY: 'loopback',
      CALL_ENGINE: 'off',
      ...sipEnv(kamailio.url, { SIP_RATE_PER_MINUTE: String(RATE) }),
    });
    inbox = t.app.get(SipEventInbox);
  });
  afterAll(async () => {
    await t?.close();
    await kamailio?.stop();
  });

  /** A call the SIP server authorized: its Call-ID and its rows (the caller's leg first). */
  const dialled = async (who: Caller, toUser = OFF_NET) => {
    const invite = userInvite({ fromUser: `u${who.user.id}`, toUser });
    await decide(t, invite);
    const [row] = await callsOfDialog(t, invite.callId);
    return { callId: invite.callId, start: (row as SipCallRow).start_time.getTime() };
  };
  const statuses = async (callId: string) => (await callsOfDialog(t, callId)).map((row) => row.status);
  const unprocessed = async () =>
    Number((await t.sql<{ n: number }>('SELECT COUNT(*) AS n FROM sip_events WHERE processed_at IS NULL'))[0]?.n);

  it('plays ringing → answered → ended into a completed call: the real answered seconds, the trunk rate, one batch', async () => {
    const who = await caller(t);
    const url = await listen(t);
    const live = await SseClient.open(url, who.accessToken);
    try {
      const { callId, start } = await dialled(who);
      await insertSipEvent(t, callId, 'ringing', 180, start + 1_000);
      await insertSipEvent(t, callId, 'answered', 200, start + 3_250);
      await insertSipEvent(t, callId, 'ended', null, start + 64_650);
      expect(await inbox.tick()).toBe(3);
      const row = firstRow(await callsOfDialog(t, callId));
      expect(row).toMatchObject({
        status: 'completed',
        duration_seconds: 61,
        // ceil(61 / 60) = 2 started minutes at 0.05
        cost: '0.1000',
        next_status: null,
        next_transition_at: null,
      });
      expect(row?.answered_at).toEqual(new Date(start + 3_250));
      expect(row?.end_time).toEqual(new Date(start + 64_650));
      const timeline = (await timelines(t, [row.id])).get(row.id) ?? [];
      expect(timeline.map((e) => [e.status, e.source, e.occurred_at.getTime() - start])).toEqual([
        ['initiated', 'provider', 0],
        ['ringing', 'provider', 1_000],
        ['in_progress', 'provider', 3_250],
        ['completed', 'provider', 64_650],
      ]);
      expect(await unprocessed()).toBe(0);
      // The rollups, the user's totals and the activity trail, as for a mock call.
      const { stored, recomputed } = await analyticsAndRecomputation(t, [who.user.id]);
      expect(stored).toEqual(recomputed);
      expect(stored[0]).toMatchObject({
        total_calls: 1,
        successful_calls: 1,
        total_duration_seconds: 61,
        total_cost: '0.1000',
      });
      const rollups = await rollupsAndRecomputation(t.sql);
      expect(rollups.stored).toEqual(rollups.recomputed);
      expect(
        await t.sql<{ details: unknown }>(
          "SELECT details FROM activity_logs WHERE action = 'call_ended' AND entity_id = ?",
          [row?.id],
        ),
      ).toEqual([{ details: { status: 'completed', durationSeconds: 61, cost: 0.1, by: 'provider' } }]);
      // Live: the call as it is now, after the commit.
      await live.until(
        (events) => events.some((e) => (e.data as Call).id === row?.id && (e.data as Call).status === 'completed'),
        5000,
        'the completed call',
      );
      const seen = live.events.filter((e) => (e.data as Call).id === row?.id).map((e) => (e.data as Call).status);
      expect(seen.at(-1)).toBe('completed');
    } finally {
      live.close();
    }
  });

  it('ends both legs of an on-net call busy on 486, and missed vs canceled on 487', async () => {
    const alice = await caller(t);
    const bob = await caller(t);
    const busy = await dialled(alice, bob.number);
    await insertSipEvent(t, busy.callId, 'ringing', 180, busy.start + 500);
    await insertSipEvent(t, busy.callId, 'failed', 486, busy.start + 4_000);
    const gaveUp = await dialled(alice, bob.number);
    await insertSipEvent(t, gaveUp.callId, 'ringing', 183, gaveUp.start + 500);
    await insertSipEvent(t, gaveUp.callId, 'failed', 487, gaveUp.start + 9_000);
    await inbox.tick();
    expect(await statuses(busy.callId)).toEqual(['busy', 'busy']);
    expect(await statuses(gaveUp.callId)).toEqual(['canceled', 'no_answer']);
    const [aliceLeg, bobLeg] = await callsOfDialog(t, gaveUp.callId);
    expect([aliceLeg?.end_time, bobLeg?.end_time]).toEqual([
      new Date(gaveUp.start + 9_000),
      new Date(gaveUp.start + 9_000),
    ]);
    expect([aliceLeg?.cost, bobLeg?.cost]).toEqual(['0.0000', '0.0000']);
  });

  it('maps the other failures: 480 and 408 no answer, 600/603 busy, anything else failed', async () => {
    const who = await caller(t);
    const cases: [number, CallStatus][] = [
      [480, 'no_answer'],
      [408, 'no_answer'],
      [603, 'busy'],
      [600, 'busy'],
      [503, 'failed'],
    ];
    for (const [code, expected] of cases) {
      const call = await dialled(who);
      await insertSipEvent(t, call.callId, 'failed', code, call.start + 2_000);
      await inbox.tick();
      expect({ code, status: await statuses(call.callId) }).toEqual({ code, status: [expected] });
      // The calls end one by one, so the concurrency guard never refuses the next.
    }
  });

  it('applies an on-net call answered and hung up to both legs: free, each with its own totals', async () => {
    const alice = await caller(t);
    const bob = await caller(t);
    const call = await dialled(alice, bob.number);
    await insertSipEvent(t, call.callId, 'ringing', 180, call.start + 800);
    await insertSipEvent(t, call.callId, 'answered', 200, call.start + 2_000);
    await insertSipEvent(t, call.callId, 'ended', null, call.start + 152_400);
    await inbox.tick();
    const legs = await callsOfDialog(t, call.callId);
    expect(legs.map((leg) => [leg.user_id, leg.status, leg.duration_seconds, leg.cost])).toEqual([
      [alice.user.id, 'completed', 150, '0.0000'],
      [bob.user.id, 'completed', 150, '0.0000'],
    ]);
    const { stored, recomputed } = await analyticsAndRecomputation(t, [alice.user.id, bob.user.id]);
    expect(stored).toEqual(recomputed);
  });

  it("ends a call canceled before the answer; ignores what no longer applies, and events of no one's call", async () => {
    const who = await caller(t);
    const early = await dialled(who);
    await insertSipEvent(t, early.callId, 'ringing', 180, early.start + 500);
    await insertSipEvent(t, early.callId, 'ended', null, early.start + 1_500);
    // After the end: nothing changes any more.
    await insertSipEvent(t, early.callId, 'answered', 200, early.start + 2_000);
    await insertSipEvent(t, early.callId, 'ended', null, early.start + 3_000);
    const late = await dialled(who);
    await insertSipEvent(t, late.callId, 'answered', 200, late.start + 2_000);
    // A late 180 after the answer is ignored.
    await insertSipEvent(t, late.callId, 'ringing', 180, late.start + 2_100);
    await insertSipEvent(t, 'nobody-knows-this@elsewhere', 'ringing', 180, late.start);
    expect(await inbox.tick()).toBe(7);
    expect(await statuses(early.callId)).toEqual(['canceled']);
    expect(await statuses(late.callId)).toEqual(['in_progress']);
    const ids = [...(await callsOfDialog(t, early.callId)), ...(await callsOfDialog(t, late.callId))].map((r) => r.id);
    const byCall = await timelines(t, ids);
    expect(ids.map((id) => (byCall.get(id) ?? []).map((e) => e.status))).toEqual([
      ['initiated', 'ringing', 'canceled'],
      ['initiated', 'in_progress'],
    ]);
    expect(await unprocessed()).toBe(0);
  });

  it('lets the safety deadline and a late event never both apply: whichever locks the call first wins', async () => {
    const who = await caller(t);
    const clock = ManualClock.install(t, Date.now());
    try {
      const call = await dialled(who);
      clock.advance(60_001);
      await t.app.get(CallEngine).tick();
      expect(await statuses(call.callId)).toEqual(['failed']);
      await insertSipEvent(t, call.callId, 'answered', 200, call.start + 61_000);
      await inbox.tick();
      const row = firstRow(await callsOfDialog(t, call.callId));
      expect(row).toMatchObject({ status: 'failed', answered_at: null, duration_seconds: 0 });
      expect(((await timelines(t, [row.id])).get(row.id) ?? []).map((e) => [e.status, e.source])).toEqual([
        ['initiated', 'provider'],
        ['failed', 'engine'],
      ]);

      // And the other way round: once answered, the 60-second deadline is replaced by the 4-hour one.
      const answered = await dialled(who);
      await insertSipEvent(t, answered.callId, 'answered', 200, clock.now().getTime() + 1_000);
      await inbox.tick();
      clock.advance(3_600_000);
      await t.app.get(CallEngine).tick();
      expect(await statuses(answered.callId)).toEqual(['in_progress']);
    } finally {
      t.app.get(Clock).now = () => new Date();
    }
  });

  it('waits while another instance holds an earlier event of the same dialog, then applies them in order', async () => {
    const who = await caller(t);
    const call = await dialled(who);
    const other = await dialled(who);
    await insertSipEvent(t, call.callId, 'answered', 200, call.start + 2_000);
    await insertSipEvent(t, call.callId, 'ended', null, call.start + 32_000);
    await insertSipEvent(t, other.callId, 'ringing', 180, other.start + 1_000);
    const [held] = await t.sql<{ id: number }>('SELECT MIN(id) AS id FROM sip_events WHERE sip_call_id = ?', [
      call.callId,
    ]);
    // Another instance's claim, as it would hold it: the dialog's first event, locked in an open transaction.
    const elsewhere = await createConnection({ ...testDbServer(), database: t.database });
    try {
      await elsewhere.query('START TRANSACTION');
      await elsewhere.query('SELECT id FROM sip_events WHERE id = ? FOR UPDATE', [held?.id]);
      // Only the other dialog's event may be applied; the BYE must not end a call whose answer is held elsewhere.
      expect(await inbox.tick()).toBe(1);
      expect(await statuses(call.callId)).toEqual(['initiated']);
      expect(await statuses(other.callId)).toEqual(['ringing']);
      await elsewhere.query('ROLLBACK');
    } finally {
      await elsewhere.end();
    }
    expect(await inbox.tick()).toBe(2);
    const [row] = await callsOfDialog(t, call.callId);
    expect(row).toMatchObject({ status: 'completed', duration_seconds: 30 });
  });

  it("applies a trunk call's events to the callee's leg (the Call-ID + ;in)", async () => {
    const bob = await caller(t);
    const callId = `${randomBytes(8).toString('hex')}@trunk.test`;
    await decide(t, {
      callId,
      source: 'trunk',
      fromUser: '+12125550123',
      toUser: bob.number,
      callerId: '',
      portalCallId: '',
    });
    const start = firstRow(await callsOfDialog(t, callId)).start_time.getTime();
    await insertSipEvent(t, callId, 'ringing', 180, start + 300);
    await insertSipEvent(t, callId, 'answered', 200, start + 4_000);
    await insertSipEvent(t, callId, 'ended', null, start + 34_000);
    await inbox.tick();
    expect(await callsOfDialog(t, callId)).toEqual([
      expect.objectContaining({
        user_id: bob.user.id,
        direction: 'inbound',
        status: 'completed',
        duration_seconds: 30,
        cost: '0.0000',
      }),
    ]);
  });
});

describe('the SIP event inbox across restarts and instances', () => {
  const env = (kamailioUrl: string, extra: Record<string, string> = {}) => ({
    TRUST_PROXY: 'loopback',
    JWT_SECRET: randomBytes(32).toString('base64url'),
    ...sipEnv(kamailioUrl, { SIP_RATE_PER_MINUTE: String(RATE), ...extra }),
  });
  let kamailio: FakeKamailio;
  beforeAll(async () => {
    kamailio = await FakeKamailio.start();
  });
  afterAll(() => kamailio?.stop());

  it('applies, after a restart, the events written while no API ran, with their own times', async () => {
    const first = await startTestApp(env(kamailio.url), { keepDatabase: true });
    let second: TestApp | undefined;
    try {
      const who = await caller(first);
      const invite = userInvite({ fromUser: `u${who.user.id}`, toUser: OFF_NET });
      await decide(first, invite);
      await first.close();

      // Kamailio keeps writing while the API is down.
      const db = await createConnection({ ...testDbServer(), database: first.database, timezone: 'Z' });
      let start: number;
      try {
        const [rows] = (await db.query('SELECT start_time FROM calls WHERE call_sid = ?', [
          invite.callId,
        ])) as unknown as [{ start_time: Date }[]];
        start = firstRow(rows).start_time.getTime();
        for (const [event, code, at] of [
          ['ringing', 180, start + 700],
          ['answered', 200, start + 2_700],
          ['ended', null, start + 12_700],
        ] as const) {
          await db.query('INSERT INTO sip_events (sip_call_id, event, sip_code, occurred_at_ms) VALUES (?, ?, ?, ?)', [
            invite.callId,
            event,
            code,
            at,
          ]);
        }
      } finally {
        await db.end();
      }
      const restartedAt = Date.now();
      second = await startTestApp(env(kamailio.url), { database: first.database });
      const b = second;
      const done = firstRow(
        await eventually(
          async () => {
            const rows = await callsOfDialog(b, invite.callId);
            return rows[0]?.status === 'completed' ? rows : undefined;
          },
          10_000,
          'the events to be applied',
        ),
      );
      expect(done).toMatchObject({ duration_seconds: 10, cost: '0.0500', end_time: new Date(start + 12_700) });
      const events = (await timelines(b, [done.id])).get(done.id) ?? [];
      expect(events.map((e) => [e.status, e.occurred_at.getTime() - start])).toEqual([
        ['initiated', 0],
        ['ringing', 700],
        ['in_progress', 2_700],
        ['completed', 12_700],
      ]);
      for (const event of events.slice(1)) expect(event.recorded_at.getTime()).toBeGreaterThanOrEqual(restartedAt - 5);
    } finally {
      if (second) await second.close();
      else await dropDatabase(first.database);
    }
  });

  describe('two instances on one database', () => {
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      const shared = env(kamailio.url);
      a = await startTestApp(shared, { keepDatabase: true });
      b = await startTestApp(shared, { database: a.database });
    });
    afterAll(async () => {
      await a?.close();
      if (b) await b.close();
      else if (a) await dropDatabase(a.database);
    });

    /** Counts the events each instance's worker applies. */
    function countTicks(t: TestApp): { applied: number } {
      const inbox = t.app.get(SipEventInbox);
      const tick = inbox.tick.bind(inbox);
      const counter = { applied: 0 };
      inbox.tick = async (limit?: number) => {
        const applied = await tick(limit);
        counter.applied += applied;
        return applied;
      };
      return counter;
    }

    it("apply each event exactly once, in each dialog's order, whichever instance claims it", async () => {
      const onA = countTicks(a);
      const onB = countTicks(b);
      const callers = await Promise.all(Array.from({ length: 10 }, (_, i) => caller(i % 2 ? b : a)));
      const dialogs: { callId: string; start: number; outcome: 'completed' | 'busy' | 'canceled' }[] = [];
      for (const [index, who] of callers.entries()) {
        for (let n = 0; n < 3; n++) {
          // Some on-net (to the next caller), most to the trunk.
          const toUser = n === 0 ? (callers[(index + 1) % callers.length] as Caller).number : OFF_NET;
          const invite = userInvite({ fromUser: `u${who.user.id}`, toUser });
          await decide(n % 2 ? b : a, invite);
          const row = firstRow(await callsOfDialog(a, invite.callId));
          dialogs.push({
            callId: invite.callId,
            start: row.start_time.getTime(),
            outcome: (['completed', 'busy', 'canceled'] as const)[(index + n) % 3],
          });
        }
      }
      // Each dialog's events, in its order; written in waves, so both workers claim some and a dialog's events
      // are often split between them.
      type Written = [string, 'ringing' | 'answered' | 'ended' | 'failed', number | null, number];
      const [ringing, outcomes, endings]: Written[][] = [[], [], []];
      const waves = [ringing, outcomes, endings];
      for (const d of dialogs) {
        ringing.push([d.callId, 'ringing', 180, d.start + 500]);
        if (d.outcome === 'completed') {
          outcomes.push([d.callId, 'answered', 200, d.start + 2_000]);
          endings.push([d.callId, 'ended', null, d.start + 47_000]);
        } else {
          outcomes.push([d.callId, 'failed', d.outcome === 'busy' ? 486 : 487, d.start + 3_000]);
        }
      }
      for (const wave of waves) {
        for (let i = 0; i < wave.length; i += 4) {
          for (const [callId, event, code, at] of wave.slice(i, i + 4))
            await insertSipEvent(a, callId, event, code, at);
          await new Promise((resolve) => setTimeout(resolve, 40));
        }
      }
      const total = waves.reduce((sum, wave) => sum + wave.length, 0);
      await eventually(
        async () =>
          Number(
            (await a.sql<{ n: number }>('SELECT COUNT(*) AS n FROM sip_events WHERE processed_at IS NULL'))[0]?.n,
          ) === 0,
        15_000,
        'every event to be processed',
      );
      expect(onA.applied + onB.applied).toBe(total);
      expect(onA.applied).toBeGreaterThan(0);
      expect(onB.applied).toBeGreaterThan(0);

      const rows = (await Promise.all(dialogs.map((d) => callsOfDialog(a, d.callId)))).flat();
      expect(rows.every((row) => FINAL.includes(row.status as CallStatus))).toBe(true);
      for (const d of dialogs) {
        const [callerLeg] = await callsOfDialog(a, d.callId);
        expect({ callId: d.callId, status: callerLeg?.status }).toEqual({ callId: d.callId, status: d.outcome });
        if (d.outcome === 'completed') expect(callerLeg).toMatchObject({ duration_seconds: 45 });
      }
      const ids = rows.map((row) => row.id);
      const twice = await a.sql(
        `SELECT call_id, status FROM call_events WHERE call_id IN (${ids.join(',')}) GROUP BY call_id, status HAVING COUNT(*) > 1`,
      );
      expect(twice).toEqual([]);
      const ended = await a.sql<{ n: number }>(
        `SELECT COUNT(*) AS n FROM activity_logs WHERE action = 'call_ended' AND entity_id IN (${ids.join(',')})`,
      );
      expect(Number(ended[0]?.n)).toBe(ids.length);
      const { stored, recomputed } = await analyticsAndRecomputation(
        a,
        callers.map((c) => c.user.id),
      );
      expect(stored).toEqual(recomputed);
      expect(stored.reduce((sum, row) => sum + row.total_calls, 0)).toBe(rows.length);
    });
  });
});
