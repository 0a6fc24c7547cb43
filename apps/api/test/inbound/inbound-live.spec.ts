import { randomBytes } from 'node:crypto';
import type { Call } from '@hh/contracts';
import { REALTIME_EVENTS } from '@hh/contracts';
import { bearer, logInAdmin } from '../support/accounts';
import { caller, Caller, eventually, placeCall } from '../support/calls';
import { listen, SseClient } from '../support/sse';
import { dropDatabase, startTestApp, TestApp } from '../support/test-app';
import { answer, legsOf, simulate } from './support';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const env = (speed: number) => ({
  TRUST_PROXY: 'loopback',
  VOIP_MOCK_SPEED: String(speed),
  JWT_SECRET: randomBytes(32).toString('base64url'),
});

async function calleeLeg(t: TestApp, placed: Call): Promise<number> {
  const legs = await legsOf(t, placed.callSid as string);
  return legs[1]?.id as number;
}

/** Inbound calls with the engine's own loop: live events, a restart while ringing, two instances. */
describe('inbound calls, live (the engine running)', () => {
  describe('live events', () => {
    let t: TestApp;
    const streams: SseClient[] = [];
    beforeAll(async () => {
      t = await startTestApp(env(50));
    });
    afterAll(async () => {
      for (const stream of streams) stream.close();
      await t.close();
    });

    it("the callee's stream gets call.incoming (their Call) when it rings, and call.updated for each change", async () => {
      const alice = await caller(t);
      const bob = await caller(t);
      const url = await listen(t);
      const bobStream = await SseClient.open(url, bob.accessToken);
      const aliceStream = await SseClient.open(url, alice.accessToken);
      streams.push(bobStream, aliceStream);
      const placed = (await placeCall(t, alice.accessToken, { toNumber: bob.number }).expect(201)).body as Call;
      const calleeId = await calleeLeg(t, placed);
      await bobStream.until(
        (events) => events.some((e) => e.event === REALTIME_EVENTS.callIncoming),
        10_000,
        'call.incoming',
      );
      const incoming = bobStream.events.filter((e) => e.event === REALTIME_EVENTS.callIncoming);
      expect(incoming.map((e) => e.data)).toEqual([
        expect.objectContaining({ id: calleeId, direction: 'inbound', status: 'ringing', fromNumber: alice.number }),
      ]);
      // Answered at once; the call.updated of every change of the callee's leg reaches the callee only.
      await answer(t, bob.accessToken, calleeId).expect(200);
      await t
        .http()
        .patch(`/api/v1/calls/${placed.id}`)
        .set(bearer(alice.accessToken))
        .send({ status: 'completed' })
        .expect(200);
      const updates = (stream: SseClient, id: number) =>
        stream.events
          .filter((e) => e.event === REALTIME_EVENTS.callUpdated && (e.data as Call).id === id)
          .map((e) => (e.data as Call).status);
      await bobStream.until(
        (events) => events.length > 0 && updates(bobStream, calleeId).includes('completed'),
        5000,
        'completed',
      );
      await aliceStream.until(() => updates(aliceStream, placed.id).includes('completed'), 5000, 'completed');
      expect(updates(bobStream, calleeId)).toEqual(['initiated', 'ringing', 'in_progress', 'completed']);
      expect(updates(aliceStream, placed.id)).toEqual(['initiated', 'ringing', 'in_progress', 'completed']);
      expect(updates(aliceStream, calleeId)).toEqual([]);
      expect(aliceStream.events.filter((e) => e.event === REALTIME_EVENTS.callIncoming)).toEqual([]);
    });
  });

  it('a restart while it rings loses nothing: the next instance applies the 25 s timeout on schedule', async () => {
    // Speed 10: ringing 200 ms after the call, no answer 2.5 s later.
    const first = await startTestApp(env(10), { keepDatabase: true });
    let second: TestApp | undefined;
    try {
      const alice = await caller(first);
      const bob = await caller(first);
      const admin = (await logInAdmin(first)).accessToken;
      const placed = (await placeCall(first, alice.accessToken, { toNumber: bob.number }).expect(201)).body as Call;
      const simulated = (await simulate(first, admin, { to: bob.number }).expect(201)).body as Call;
      const ringing = async () =>
        [
          ...(await legsOf(first, placed.callSid as string)),
          ...(await legsOf(first, simulated.callSid as string)),
        ].every((leg) => leg.status === 'ringing');
      await eventually(ringing, 5000, 'the calls to ring');
      await first.close();
      second = await startTestApp(env(10), { database: first.database });
      const t = second;
      const ended = await eventually(
        async () => {
          const legs = [
            ...(await legsOf(t, placed.callSid as string)),
            ...(await legsOf(t, simulated.callSid as string)),
          ];
          return legs.every((leg) => leg.status === 'no_answer') && legs;
        },
        10_000,
        'the no-answer timeout after the restart',
      );
      expect(ended).toHaveLength(3);
      for (const leg of ended) {
        const [rang] = await t.sql<{ occurred_at: Date }>(
          "SELECT occurred_at FROM call_events WHERE call_id = ? AND status = 'ringing'",
          [leg.id],
        );
        expect(leg.end_time?.getTime()).toBe((rang?.occurred_at.getTime() ?? 0) + 2500);
      }
    } finally {
      if (second) await second.close();
      else await dropDatabase(first.database).catch(() => undefined);
    }
  });

  describe('two instances on one database (and one Redis)', () => {
    let a: TestApp;
    let b: TestApp;
    let stream: SseClient | undefined;
    beforeAll(async () => {
      const shared = { ...env(20), REDIS_URL };
      a = await startTestApp(shared, { keepDatabase: true });
      b = await startTestApp(shared, { database: a.database });
    });
    afterAll(async () => {
      stream?.close();
      await a?.close();
      await b?.close();
    });

    it('ring once and apply each step once', async () => {
      const bob = await caller(a);
      const callers: Caller[] = [await caller(a), await caller(a), await caller(a)];
      const admin = (await logInAdmin(a)).accessToken;
      stream = await SseClient.open(await listen(a), bob.accessToken);
      const placed: Call[] = [];
      for (const [index, who] of callers.entries()) {
        for (let i = 0; i < 3; i++) {
          const app = (index + i) % 2 === 0 ? a : b;
          placed.push((await placeCall(app, who.accessToken, { toNumber: bob.number }).expect(201)).body as Call);
        }
      }
      for (let i = 0; i < 3; i++) placed.push((await simulate(b, admin, { to: bob.number }).expect(201)).body as Call);
      const legs = (await Promise.all(placed.map((call) => legsOf(a, call.callSid as string)))).flat();
      expect(legs).toHaveLength(9 * 2 + 3);
      const ids = legs.map((leg) => leg.id);
      await eventually(
        async () => {
          const [row] = await a.sql<{ open: number }>(
            `SELECT COUNT(*) AS open FROM calls WHERE id IN (${ids.join(',')}) AND status <> 'no_answer'`,
          );
          return Number(row?.open) === 0;
        },
        15_000,
        'every leg to time out',
      );
      const steps = await a.sql<{ call_id: number; status: string; n: number }>(
        `SELECT call_id, status, COUNT(*) AS n FROM call_events WHERE call_id IN (${ids.join(',')})
          GROUP BY call_id, status ORDER BY call_id, status`,
      );
      expect(steps.map((row) => Number(row.n))).toEqual(steps.map(() => 1));
      expect(steps).toHaveLength(ids.length * 3);
      const ended = await a.sql<{ n: number }>(
        `SELECT COUNT(*) AS n FROM activity_logs WHERE action = 'call_ended' AND entity_id IN (${ids.join(',')})`,
      );
      expect(Number(ended[0]?.n)).toBe(ids.length);
      const bobsLegs = legs.filter((leg) => leg.user_id === bob.user.id).map((leg) => leg.id);
      await stream.until(
        (events) => events.filter((e) => e.event === REALTIME_EVENTS.callIncoming).length >= bobsLegs.length,
        5000,
        'call.incoming for each of the callee legs',
      );
      // A moment for any duplicate to arrive.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const rang = stream.events
        .filter((e) => e.event === REALTIME_EVENTS.callIncoming)
        .map((e) => (e.data as Call).id)
        .sort((x, y) => x - y);
      expect(rang).toEqual([...bobsLegs].sort((x, y) => x - y));
    });
  });
});
