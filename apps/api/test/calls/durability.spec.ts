import { randomBytes, randomInt } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import type { Call, CallStatus } from '@hh/contracts';
import { CallEngine } from '../../src/app/calls/call-engine';
import { dropDatabase, startTestApp, testDbServer, TestApp } from '../support/test-app';
import { bearer, signUp } from '../support/accounts';
import { expectProblem, randomIp } from '../support/http';
import {
  ALLOWED_PATHS,
  analyticsAndRecomputation,
  assignNumber,
  caller,
  Caller,
  CallEventRow,
  eventually,
  FINAL,
  placeCall,
  timelines,
} from '../support/calls';
import { listen, SseClient } from '../support/sse';

const SPEED = 50;
const RATE = 0.02;
const MAX_CALL_SECONDS = 4 * 3600;
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
/** Every number but +15005550005 (which stays in progress until hung up) ends on its own within ~4 s at SPEED. */
const MIXED = ['+15005550001', '+15005550002', '+15005550003', '+15005550004', '+19096874971', '+12125550199'];
const EXPECTED_FINAL: Record<string, CallStatus> = {
  '+15005550001': 'failed',
  '+15005550002': 'busy',
  '+15005550003': 'no_answer',
  '+15005550004': 'completed',
};

interface CallRow {
  id: number;
  user_id: number;
  to_number: string;
  status: CallStatus;
  duration_seconds: number;
  cost: string;
  end_time: Date | null;
  answered_at: Date | null;
  next_status: string | null;
  plan_ring_ms: number;
  plan_outcome_ms: number;
  plan_talk_seconds: number | null;
}

const callRows = (t: TestApp, ids: number[]) =>
  t.sql<CallRow>(
    `SELECT id, user_id, to_number, status, duration_seconds, cost, end_time, answered_at, next_status,
            plan_ring_ms, plan_outcome_ms, plan_talk_seconds
       FROM calls WHERE id IN (${ids.join(',')}) ORDER BY id`,
  );

const waitUntilFinal = (t: TestApp, ids: number[], timeoutMs: number) =>
  eventually(
    async () => {
      const [row] = await t.sql<{ open: number }>(
        `SELECT COUNT(*) AS open FROM calls WHERE id IN (${ids.join(',')}) AND status NOT IN (${FINAL.map((s) => `'${s}'`).join(',')})`,
      );
      return Number(row?.open) === 0;
    },
    timeoutMs,
    `${ids.length} calls to end`,
    100,
  );

/** ms after `from` that the engine schedules `simulatedMs` of simulated time (Date keeps whole ms). */
const after = (from: Date, simulatedMs: number) => Math.trunc(from.getTime() + simulatedMs / SPEED);

/**
 * Checks each call against the lifecycle rules: its timeline holds each status once, in an allowed order, every
 * engine step at exactly its scheduled time (never "whenever the engine got to it"); the final status carries the
 * right endTime, duration and cost; the test numbers end as docs/api.md says.
 */
function expectConsistent(rows: CallRow[], byCall: Map<number, CallEventRow[]>): void {
  for (const call of rows) {
    const events = byCall.get(call.id) ?? [];
    const path = events.map((e) => e.status);
    const hungUp = events.at(-1)?.source === 'api';
    const context = `call ${call.id} to ${call.to_number}: ${path.join(' → ')}`;
    expect({ context, allowed: ALLOWED_PATHS.some((allowed) => allowed.join() === path.join()) }).toEqual({
      context,
      allowed: true,
    });
    expect(new Set(path).size).toBe(path.length);
    expect(events.map((e) => e.source)).toEqual([
      'api',
      ...path.slice(1, -1).map(() => 'engine'),
      hungUp ? 'api' : 'engine',
    ]);
    expect(call.status).toBe(path.at(-1));
    expect(call.next_status).toBeNull();
    const expected = EXPECTED_FINAL[call.to_number];
    if (expected) expect({ context, status: call.status }).toEqual({ context, status: expected });

    const [initiated, ringing, outcome, completed] = events as [
      CallEventRow,
      CallEventRow,
      CallEventRow,
      CallEventRow | undefined,
    ];
    expect(ringing.occurred_at.getTime()).toBe(after(initiated.occurred_at, call.plan_ring_ms));
    expect(outcome.occurred_at.getTime()).toBe(after(ringing.occurred_at, call.plan_outcome_ms));
    for (const event of events) expect(event.recorded_at.getTime()).toBeGreaterThanOrEqual(event.occurred_at.getTime());

    const last = events.at(-1) as CallEventRow;
    expect(call.end_time).toEqual(last.occurred_at);
    let duration = 0;
    if (completed) {
      expect(call.answered_at).toEqual(outcome.occurred_at);
      const answered = outcome.occurred_at.getTime();
      const elapsed = Math.round(((completed.occurred_at.getTime() - answered) * SPEED) / 1000);
      if (hungUp) {
        duration = Math.min(elapsed, call.plan_talk_seconds ?? MAX_CALL_SECONDS);
      } else {
        duration = call.plan_talk_seconds ?? MAX_CALL_SECONDS;
        expect(completed.occurred_at.getTime()).toBe(after(outcome.occurred_at, duration * 1000));
      }
      if (call.to_number === '+15005550004' && !hungUp) expect(duration).toBe(30);
    }
    expect({ context, duration: call.duration_seconds }).toEqual({ context, duration });
    expect(Number(call.cost)).toBeCloseTo(Math.ceil(duration / 60) * RATE, 4);
  }
}

async function expectExactlyOnce(t: TestApp, ids: number[]): Promise<void> {
  const twice = await t.sql(
    `SELECT call_id, status, COUNT(*) AS times FROM call_events WHERE call_id IN (${ids.join(',')})
      GROUP BY call_id, status HAVING COUNT(*) > 1`,
  );
  expect(twice).toEqual([]);
  const ended = await t.sql<{ entity_id: number; times: number }>(
    `SELECT entity_id, COUNT(*) AS times FROM activity_logs WHERE action = 'call_ended' AND entity_id IN (${ids.join(',')})
      GROUP BY entity_id ORDER BY entity_id`,
  );
  expect(ended.map((row) => [row.entity_id, Number(row.times)])).toEqual(
    [...ids].sort((x, y) => x - y).map((id) => [id, 1]),
  );
}

/** Places `count` calls for `who` (at most 10: the call limit), cycling through `numbers` from `offset`. */
async function placeMany(apps: TestApp[], who: Caller, count: number, numbers: string[], offset = 0): Promise<Call[]> {
  const calls: Call[] = [];
  for (let i = 0; i < count; i++) {
    const app = apps[i % apps.length] as TestApp;
    const toNumber = numbers[(offset + i) % numbers.length] as string;
    calls.push((await placeCall(app, who.accessToken, { toNumber }).expect(201)).body as Call);
  }
  return calls;
}

describe('durability: a restart loses nothing', () => {
  const env = {
    TRUST_PROXY: 'loopback',
    VOIP_MOCK_SPEED: String(SPEED),
    JWT_SECRET: randomBytes(32).toString('base64url'),
  };
  let first: TestApp | undefined;
  let second: TestApp | undefined;
  afterAll(async () => {
    await first?.close().catch(() => undefined);
    if (second)
      await second.close(); // drops the database
    else if (first) await dropDatabase(first.database); // failed before the restart: still drop it
  });

  it('finishes every call in flight when the server stops, on the next start, on the original schedule', async () => {
    first = await startTestApp(env, { keepDatabase: true });
    const a = first;
    // Listening for real: supertest's per-request ephemeral listen breaks concurrent requests (it closes the
    // server under the others when one finishes).
    await listen(a);
    const callers = [await caller(a), await caller(a), await caller(a), await caller(a)];
    const placed = (
      await Promise.all(
        callers.slice(0, 3).map(async (who, index) => [
          ...(await placeMany([a], who, 9, MIXED, index)),
          // Answered and in progress until hung up: certainly in flight at the stop.
          ...(await placeMany([a], who, 1, ['+15005550005'])),
        ]),
      )
    ).flat();
    // Let the calls get going, then stop mid-call. The worker stops first, as in a shutdown, and one more call is
    // placed just before the process goes: none of its steps (~40, ~100 and ~700 ms on) can be applied before
    // the restart, however long the shutdown takes.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await a.app.get(CallEngine).stop();
    const stoppedAt = Date.now();
    const last = (await placeMany([a], callers[3] as Caller, 1, ['+15005550004']))[0] as Call;
    placed.push(last);
    const ids = placed.map((c) => c.id);
    const hangUpLater = placed.filter((c) => c.toNumber === '+15005550005');
    await a.close();

    const db = await createConnection({ ...testDbServer(), database: a.database, timezone: 'Z' });
    let inFlight: { status: CallStatus; n: number }[];
    try {
      [inFlight] = (await db.query(
        `SELECT status, COUNT(*) AS n FROM calls WHERE id IN (${ids.join(',')}) AND next_status IS NOT NULL GROUP BY status`,
      )) as unknown as [{ status: CallStatus; n: number }[]];
    } finally {
      await db.end();
    }
    const waiting = inFlight.reduce((sum, row) => sum + Number(row.n), 0);
    expect(waiting).toBeGreaterThanOrEqual(hangUpLater.length + 1);

    // Down for a while: transitions fall due with nobody to apply them.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const restartedAt = Date.now();
    second = await startTestApp(env, { database: a.database });
    const b = second;
    await listen(b);
    const ending = ids.filter((id) => !hangUpLater.some((c) => c.id === id));
    await waitUntilFinal(b, ending, 15_000);
    // The calls that wait for a hang-up are still answered; hang them up through the new instance.
    for (const call of hangUpLater) {
      const who = callers.find((c) => c.user.id === call.userId) as Caller;
      expect(
        (await b.http().get(`/api/v1/calls/${call.id}`).set(bearer(who.accessToken)).expect(200)).body.status,
      ).toBe('in_progress');
      const res = await b
        .http()
        .patch(`/api/v1/calls/${call.id}`)
        .set(bearer(who.accessToken))
        .send({ status: 'completed' })
        .expect(200);
      // Answered before the stop and hung up after the downtime: the downtime counts as talk time.
      expect(res.body.durationSeconds).toBeGreaterThanOrEqual((1500 * SPEED) / 1000);
    }

    const rows = await callRows(b, ids);
    expect(rows.map((r) => FINAL.includes(r.status))).toEqual(ids.map(() => true));
    expectConsistent(rows, await timelines(b, ids));
    await expectExactlyOnce(b, ids);
    // Transitions that fell due while no server ran were applied after the restart, dated when they were due.
    const fellDueWhileDown = await b.sql<{ call_id: number; status: CallStatus; recorded_at: Date }>(
      `SELECT call_id, status, recorded_at FROM call_events WHERE call_id IN (${ids.join(',')}) AND source = 'engine'
          AND occurred_at > ? AND occurred_at < ? ORDER BY id`,
      [new Date(stoppedAt), new Date(restartedAt)],
    );
    expect(fellDueWhileDown.filter((e) => e.call_id === last.id).map((e) => e.status)).toEqual([
      'ringing',
      'in_progress',
      'completed',
    ]);
    for (const event of fellDueWhileDown) expect(event.recorded_at.getTime()).toBeGreaterThanOrEqual(restartedAt);
    const { stored, recomputed } = await analyticsAndRecomputation(
      b,
      callers.map((c) => c.user.id),
    );
    expect(stored).toEqual(recomputed);
    expect(stored.reduce((sum, row) => sum + row.total_calls, 0)).toBe(31);
  });
});

describe('durability: two instances on one database apply each transition exactly once', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    // Short polls and small batches make the two workers contend for the same due rows as often as possible.
    const env = {
      TRUST_PROXY: 'loopback',
      VOIP_MOCK_SPEED: String(SPEED),
      CALL_ENGINE_POLL_MS: '20',
      CALL_ENGINE_BATCH: '8',
      JWT_SECRET: randomBytes(32).toString('base64url'),
    };
    a = await startTestApp(env, { keepDatabase: true });
    b = await startTestApp(env, { database: a.database });
    await listen(a);
    await listen(b);
  });
  afterAll(async () => {
    await a?.close();
    if (b)
      await b.close(); // drops the shared database
    else if (a) await dropDatabase(a.database);
  });

  /** Counts the transitions each instance's worker applies. */
  function countTicks(t: TestApp): { applied: number } {
    const engine = t.app.get(CallEngine);
    const tick = engine.tick.bind(engine);
    const counter = { applied: 0 };
    engine.tick = async (limit?: number) => {
      const applied = await tick(limit);
      counter.applied += applied;
      return applied;
    };
    return counter;
  }

  it('plays 200 calls placed across both instances: each status once per call, totals that add up', async () => {
    const onA = countTicks(a);
    const onB = countTicks(b);
    const callers = await Promise.all(Array.from({ length: 20 }, (_, i) => caller(i % 2 ? b : a)));
    const placed = (await Promise.all(callers.map((who, index) => placeMany([a, b], who, 10, MIXED, index)))).flat();
    expect(placed).toHaveLength(200);
    const ids = placed.map((c) => c.id);
    await waitUntilFinal(a, ids, 30_000);

    const rows = await callRows(a, ids);
    const byCall = await timelines(a, ids);
    expectConsistent(rows, byCall);
    await expectExactlyOnce(a, ids);
    // Every engine step was applied by exactly one of the two workers, and both took part.
    const engineEvents = [...byCall.values()].flat().filter((e) => e.source === 'engine').length;
    expect(onA.applied + onB.applied).toBe(engineEvents);
    expect(onA.applied).toBeGreaterThan(0);
    expect(onB.applied).toBeGreaterThan(0);
    const { stored, recomputed } = await analyticsAndRecomputation(
      a,
      callers.map((c) => c.user.id),
    );
    expect(stored).toEqual(recomputed);
    expect(stored.map((row) => row.total_calls)).toEqual(callers.map(() => 10));
  });
});

describe('live updates (GET /api/v1/events)', () => {
  let t: TestApp;
  let url: string;
  const open: SseClient[] = [];
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback', VOIP_MOCK_SPEED: String(SPEED) });
    url = await listen(t);
  });
  afterAll(async () => {
    for (const client of open) client.close();
    await t?.close();
  });
  const connect = async (token?: string) => {
    const client = await SseClient.open(url, token);
    open.push(client);
    return client;
  };
  const statusesOf = (client: SseClient, callId: number) =>
    client.events
      .filter((e) => e.event === 'call.updated' && (e.data as Call).id === callId)
      .map((e) => (e.data as Call).status);

  it('answers 401 without valid credentials', async () => {
    for (const token of [undefined, 'not-a-token']) {
      const client = await connect(token);
      expect(client.response.statusCode).toBe(401);
      expect(client.response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(client.text)).toMatchObject({ status: 401 });
    }
    expectProblem(await t.http().get('/api/v1/events'), 401);
  });

  it("pushes each status change of my own calls, in order, and never another user's", async () => {
    const alice = await caller(t);
    const bob = await caller(t);
    const aliceStream = await connect(alice.accessToken);
    const bobStream = await connect(bob.accessToken);
    expect(aliceStream.response.headers['content-type']).toMatch(/^text\/event-stream/);

    const mine = (await placeCall(t, alice.accessToken, { toNumber: '+15005550004' }).expect(201)).body as Call;
    const theirs = (await placeCall(t, bob.accessToken, { toNumber: '+15005550004' }).expect(201)).body as Call;
    const full = ['initiated', 'ringing', 'in_progress', 'completed'];
    await aliceStream.until(
      (events) => events.length >= 4 && statusesOf(aliceStream, mine.id).length >= 4,
      10_000,
      "Alice's call",
    );
    await bobStream.until(() => statusesOf(bobStream, theirs.id).length >= 4, 10_000, "Bob's call");

    expect(statusesOf(aliceStream, mine.id)).toEqual(full);
    expect(statusesOf(bobStream, theirs.id)).toEqual(full);
    for (const event of aliceStream.events) expect(event.data).toMatchObject({ userId: alice.user.id });
    for (const event of bobStream.events) expect(event.data).toMatchObject({ userId: bob.user.id });
    // The last event is the call as the API now shows it.
    const final = aliceStream.events.filter((e) => (e.data as Call).id === mine.id).at(-1)?.data;
    expect(final).toEqual(
      (await t.http().get(`/api/v1/calls/${mine.id}`).set(bearer(alice.accessToken)).expect(200)).body,
    );
    expect(final).toMatchObject({ status: 'completed', durationSeconds: 30, cost: 0.02 });
  });

  it('pushes hang-ups and notes edits too', async () => {
    const who = await caller(t);
    const stream = await connect(who.accessToken);
    const call = (await placeCall(t, who.accessToken, { toNumber: '+15005550005' }).expect(201)).body as Call;
    await stream.until(() => statusesOf(stream, call.id).includes('in_progress'), 10_000, 'the answer');
    await t
      .http()
      .patch(`/api/v1/calls/${call.id}`)
      .set(bearer(who.accessToken))
      .send({ status: 'completed' })
      .expect(200);
    await t.http().patch(`/api/v1/calls/${call.id}`).set(bearer(who.accessToken)).send({ notes: 'done' }).expect(200);
    await stream.until(
      (events) => events.some((e) => (e.data as Call).id === call.id && (e.data as Call).notes === 'done'),
      5000,
      'the notes edit',
    );
    expect(statusesOf(stream, call.id)).toEqual(['initiated', 'ringing', 'in_progress', 'completed', 'completed']);
  });
});

describe('live updates across instances through Redis (REDIS_URL)', () => {
  let browserSide: TestApp;
  let engineSide: TestApp;
  let stream: SseClient | undefined;
  beforeAll(async () => {
    const env = {
      TRUST_PROXY: 'loopback',
      VOIP_MOCK_SPEED: String(SPEED),
      REDIS_URL,
      JWT_SECRET: randomBytes(32).toString('base64url'),
    };
    // Instance 1 runs no engine: every transition is applied by instance 2.
    browserSide = await startTestApp({ ...env, CALL_ENGINE: 'off' }, { keepDatabase: true });
    engineSide = await startTestApp(env, { database: browserSide.database });
    // Events of every run share one Redis channel: give this run's users ids no other run has.
    await browserSide.sql(`ALTER TABLE users AUTO_INCREMENT = ${randomInt(1_000_000, 1_000_000_000)}`);
  });
  afterAll(async () => {
    stream?.close();
    await browserSide?.close();
    if (engineSide)
      await engineSide.close(); // drops the shared database
    else if (browserSide) await dropDatabase(browserSide.database);
  });

  it('delivers to a browser on instance 1 the transitions that instance 2 applies', async () => {
    const account = await signUp(browserSide, { ip: randomIp() });
    await browserSide.sql("UPDATE users SET status = 'active' WHERE id = ?", [account.user.id]);
    await assignNumber(browserSide, account.user.id);
    stream = await SseClient.open(await listen(browserSide), account.accessToken);
    const call = (await placeCall(browserSide, account.accessToken, { toNumber: '+15005550004' }).expect(201))
      .body as Call;
    const mine = () =>
      stream?.events.filter((e) => (e.data as Call).id === call.id).map((e) => (e.data as Call).status) ?? [];
    await stream.until(() => mine().length >= 4, 10_000, 'the call to complete');
    expect(mine()).toEqual(['initiated', 'ringing', 'in_progress', 'completed']);
    const engineEvents = await browserSide.sql(
      "SELECT status FROM call_events WHERE call_id = ? AND source = 'engine' ORDER BY id",
      [call.id],
    );
    expect(engineEvents).toEqual([{ status: 'ringing' }, { status: 'in_progress' }, { status: 'completed' }]);
  });
});
