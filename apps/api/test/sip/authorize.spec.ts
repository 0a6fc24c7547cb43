import type { Call, SipAuthorizeDecision } from '@hh/contracts';
import { CallEngine } from '../../src/app/calls/call-engine';
import { Clock } from '../../src/common/clock';
import { startTestApp, TestApp } from '../support/test-app';
import { activeClient, bearer, signUp } from '../support/accounts';
import { expectProblem } from '../support/http';
import { assignNumber, caller, Caller, freshNumber, insertCall, ManualClock, placeCall } from '../support/calls';
import {
  authorize,
  callsOfDialog,
  decide,
  firstRow,
  FakeKamailio,
  newCallId,
  SIP_INTERNAL_SECRET,
  sipEnv,
  userInvite,
} from '../support/sip';

const RATE = 0.05;
/** A US number no portal user holds: calls to it go to the trunk. */
const OFF_NET = '+19096874971';

describe('POST /internal/sip/authorize (VOIP_PROVIDER=sip)', () => {
  let t: TestApp;
  let kamailio: FakeKamailio;
  beforeAll(async () => {
    kamailio = await FakeKamailio.start();
    t = await startTestApp({
      TRUST_PROXY: 'loopback',
      CALL_ENGINE: 'off',
      ...sipEnv(kamailio.url, { SIP_RATE_PER_MINUTE: String(RATE) }),
    });
  });
  afterAll(async () => {
    await t?.close();
    await kamailio?.stop();
  });

  const callCount = async (userId: number) =>
    Number((await t.sql<{ n: number }>('SELECT COUNT(*) AS n FROM calls WHERE user_id = ?', [userId]))[0]?.n);
  const refusal = (code: number, reason?: string) =>
    reason === undefined ? { action: 'refuse', code, reason: expect.any(String) } : { action: 'refuse', code, reason };

  describe('who may ask', () => {
    it('answers 404, as for a route that does not exist, without the secret or with a wrong one', async () => {
      const who = await caller(t);
      const body = userInvite({ fromUser: `u${who.user.id}`, toUser: OFF_NET });
      const missing = await authorize(t, body, { secret: null });
      expectProblem(missing, 404);
      for (const secret of ['wrong', `${SIP_INTERNAL_SECRET}x`, SIP_INTERNAL_SECRET.slice(0, -1), '']) {
        const res = await authorize(t, body, { secret });
        expectProblem(res, 404);
        expect(res.body).toEqual(missing.body);
      }
      const unknownRoute = await t
        .http()
        .post('/api/v1/internal/sip/nowhere')
        .set('X-HH-Sip-Secret', SIP_INTERNAL_SECRET)
        .send(body);
      expect({ ...unknownRoute.body, detail: '', instance: '' }).toEqual({ ...missing.body, detail: '', instance: '' });
      expect(missing.body.detail).toBe('Cannot POST /api/v1/internal/sip/authorize');
      expect(await callCount(who.user.id)).toBe(0);
    });

    it('answers 400 to a body that is not the contract, naming the field, and creates nothing', async () => {
      const who = await caller(t);
      const valid = userInvite({ fromUser: `u${who.user.id}`, toUser: OFF_NET });
      const bad: [string, unknown][] = [
        ['callId', { ...valid, callId: 'has;semicolon@host' }],
        ['callId', { ...valid, callId: 'has space@host' }],
        ['callId', { ...valid, callId: '' }],
        ['source', { ...valid, source: 'gateway' }],
        ['portalCallId', { ...valid, portalCallId: 'abc' }],
        ['portalCallId', { ...valid, portalCallId: '007' }],
        ['toUser', { ...valid, toUser: '' }],
        ['fromUser', { ...valid, fromUser: undefined }],
        ['callerId', { ...valid, callerId: null }],
        ['extra', { ...valid, extra: 1 }],
      ];
      for (const [field, body] of bad) {
        const res = await authorize(t, body);
        expectProblem(res, 400);
        expect({ field, named: (res.body.errors as { field: string }[]).map((e) => e.field) }).toEqual({
          field,
          named: [field],
        });
      }
      expectProblem(await authorize(t, []), 400);
      expect(await callCount(who.user.id)).toBe(0);
    });

    it('is not in the OpenAPI document, unlike GET /telephony and GET /sip/credentials', async () => {
      const paths = Object.keys((await t.http().get('/api/docs-json').expect(200)).body.paths as object);
      expect(paths.filter((path) => path.includes('internal'))).toEqual([]);
      expect(paths).toEqual(expect.arrayContaining(['/api/v1/telephony', '/api/v1/sip/credentials']));
    });
  });

  describe('routes', () => {
    it('routes a call to a number nobody in the portal holds to the trunk: one row, sid = Call-ID, the trunk rate', async () => {
      const who = await caller(t);
      const second = await assignNumber(t, who.user.id);
      const body = userInvite({ fromUser: `u${who.user.id}`, toUser: OFF_NET });
      const before = Date.now();
      expect(await decide(t, body)).toEqual({ action: 'route', target: 'trunk', callerId: who.number, record: false });
      const [row, ...others] = await callsOfDialog(t, body.callId);
      expect(others).toEqual([]);
      expect(row).toMatchObject({
        user_id: who.user.id,
        direction: 'outbound',
        from_number: who.number,
        to_number: OFF_NET,
        status: 'initiated',
        call_sid: body.callId,
        rate_per_minute: RATE.toFixed(4),
        provider: 'sip',
        next_status: 'failed',
      });
      // Its safety deadline: failed 60 s on unless the SIP server reports something first.
      const deadline = (row?.next_transition_at as Date).getTime() - (row?.start_time as Date).getTime();
      expect(deadline).toBe(60_000);
      expect((row?.start_time as Date).getTime()).toBeGreaterThanOrEqual(before - 5);
      expect(await t.sql('SELECT status, source FROM call_events WHERE call_id = ?', [row?.id])).toEqual([
        { status: 'initiated', source: 'provider' },
      ]);
      const [activity] = await t.sql<{ action: string; user_id: number; details: unknown }>(
        "SELECT action, user_id, details FROM activity_logs WHERE entity_type = 'call' AND entity_id = ?",
        [row?.id],
      );
      expect(activity).toMatchObject({ action: 'call_initiated', user_id: who.user.id });

      // X-HH-Caller-Id picks another of the user's numbers, in any format.
      const other = userInvite({ fromUser: `u${who.user.id}`, toUser: '(909) 687-4971', callerId: second });
      expect(await decide(t, other)).toEqual({ action: 'route', target: 'trunk', callerId: second, record: false });
      expect((await callsOfDialog(t, other.callId))[0]).toMatchObject({ from_number: second, to_number: OFF_NET });
    });

    it("routes a call to another user's number on-net: both legs, free, the callee's sid the Call-ID + ;in", async () => {
      const alice = await caller(t);
      const bob = await caller(t);
      const body = userInvite({ fromUser: `u${alice.user.id}`, toUser: bob.number });
      const decision = await decide(t, body);
      const [aliceLeg, bobLeg] = await callsOfDialog(t, body.callId);
      expect(decision).toEqual({
        action: 'route',
        target: 'user',
        user: `u${bob.user.id}`,
        callerId: alice.number,
        calledNumber: bob.number,
        calleeCallId: bobLeg?.id,
        record: false,
      });
      expect(aliceLeg).toMatchObject({
        user_id: alice.user.id,
        direction: 'outbound',
        from_number: alice.number,
        to_number: bob.number,
        call_sid: body.callId,
        rate_per_minute: '0.0000',
        status: 'initiated',
      });
      expect(bobLeg).toMatchObject({
        user_id: bob.user.id,
        direction: 'inbound',
        from_number: alice.number,
        to_number: bob.number,
        call_sid: `${body.callId};in`,
        rate_per_minute: '0.0000',
        status: 'initiated',
        next_status: 'failed',
      });
      // Bob sees the call ringing in: it is his row, with its own activity entry.
      const bobsCalls = (await t.http().get('/api/v1/calls').set(bearer(bob.accessToken)).expect(200)).body
        .data as Call[];
      expect(bobsCalls.map((c) => [c.id, c.direction])).toEqual([[bobLeg?.id, 'inbound']]);
      expect(
        await t.sql("SELECT user_id FROM activity_logs WHERE action = 'call_initiated' AND entity_id IN (?, ?)", [
          aliceLeg?.id,
          bobLeg?.id,
        ]),
      ).toHaveLength(2);
    });

    it('does not ring a user whose account is not active: their number is off-net then', async () => {
      const alice = await caller(t);
      const bob = await caller(t);
      await t.sql("UPDATE users SET status = 'suspended' WHERE id = ?", [bob.user.id]);
      const body = userInvite({ fromUser: `u${alice.user.id}`, toUser: bob.number });
      expect(await decide(t, body)).toMatchObject({ target: 'trunk' });
      expect(await callsOfDialog(t, body.callId)).toHaveLength(1);
    });

    it("routes a trunk call to the number's owner: only the callee's row, from the caller's number", async () => {
      const bob = await caller(t);
      const callId = newCallId();
      const decision = await decide(t, {
        callId,
        source: 'trunk',
        fromUser: '+12125550123',
        toUser: bob.number,
        callerId: '',
        portalCallId: '',
      });
      const rows = await callsOfDialog(t, callId);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        user_id: bob.user.id,
        direction: 'inbound',
        from_number: '+12125550123',
        to_number: bob.number,
        call_sid: `${callId};in`,
        rate_per_minute: '0.0000',
      });
      expect(decision).toEqual({
        action: 'route',
        target: 'user',
        user: `u${bob.user.id}`,
        callerId: '+12125550123',
        calledNumber: bob.number,
        calleeCallId: rows[0]?.id,
        record: false,
      });
      // A caller that is not a plausible number is kept as given (20 characters at most), else "unknown".
      for (const [fromUser, stored] of [
        ['anonymous', 'anonymous'],
        ['x'.repeat(21), 'unknown'],
      ]) {
        const id = newCallId();
        await decide(t, { callId: id, source: 'trunk', fromUser, toUser: bob.number, callerId: '', portalCallId: '' });
        expect((await callsOfDialog(t, id))[0]?.from_number).toBe(stored);
      }
    });

    it('answers a retransmitted INVITE (the same Call-ID) with the same route and creates nothing more', async () => {
      const alice = await caller(t);
      const bob = await caller(t);
      const trunk = userInvite({ fromUser: `u${alice.user.id}`, toUser: OFF_NET });
      const onNet = userInvite({ fromUser: `u${alice.user.id}`, toUser: bob.number });
      const inbound = {
        callId: newCallId(),
        source: 'trunk' as const,
        fromUser: '+12125550123',
        toUser: bob.number,
        callerId: '',
        portalCallId: '',
      };
      for (const body of [trunk, onNet, inbound]) {
        const first = await decide(t, body);
        const rows = await callsOfDialog(t, body.callId);
        const [again, concurrent] = await Promise.all([decide(t, body), decide(t, body)]);
        expect(again).toEqual(first);
        expect(concurrent).toEqual(first);
        expect(await callsOfDialog(t, body.callId)).toEqual(rows);
      }
    });

    it('does not count a retransmitted INVITE against the call limit', async () => {
      const who = await caller(t);
      const endAll = () =>
        t.sql("UPDATE calls SET status = 'failed', next_status = NULL, next_transition_at = NULL WHERE user_id = ?", [
          who.user.id,
        ]);
      const first = userInvite({ fromUser: `u${who.user.id}`, toUser: OFF_NET });
      for (let i = 0; i < 12; i++) expect(await decide(t, first)).toMatchObject({ action: 'route' });
      await endAll();
      for (let i = 0; i < 9; i++) {
        expect(await decide(t, userInvite({ fromUser: `u${who.user.id}`, toUser: OFF_NET }))).toMatchObject({
          action: 'route',
        });
        await endAll();
      }
      expect(await decide(t, userInvite({ fromUser: `u${who.user.id}`, toUser: OFF_NET }))).toEqual(
        refusal(486, 'Rate limit'),
      );
    });

    it("never answers another user's Call-ID, nor one whose call has ended", async () => {
      const alice = await caller(t);
      const mallory = await caller(t);
      const body = userInvite({ fromUser: `u${alice.user.id}`, toUser: OFF_NET });
      await decide(t, body);
      expect(await decide(t, { ...body, fromUser: `u${mallory.user.id}` })).toEqual(refusal(404));
      expect(await decide(t, { ...body, source: 'trunk', fromUser: '+12125550123', toUser: mallory.number })).toEqual(
        refusal(404),
      );
      await t.sql(
        "UPDATE calls SET status = 'failed', next_status = NULL, next_transition_at = NULL WHERE call_sid = ?",
        [body.callId],
      );
      expect(await decide(t, body)).toEqual(refusal(404));
      expect(await callCount(mallory.user.id)).toBe(0);
      expect(await callsOfDialog(t, body.callId)).toHaveLength(1);
    });
  });

  describe('a call placed through POST /calls (X-HH-Call-Id)', () => {
    const placed = async (who: Caller, toNumber = OFF_NET) =>
      (await placeCall(t, who.accessToken, { toNumber }).expect(201)).body as Call;

    it('is created without a sid, then takes the Call-ID of the INVITE that dials it', async () => {
      const who = await caller(t);
      const call = await placed(who);
      expect(call).toMatchObject({ status: 'initiated', callSid: null, direction: 'outbound' });
      const row = firstRow(
        await t.sql<{ next_status: string; next_transition_at: Date; start_time: Date }>(
          'SELECT next_status, next_transition_at, start_time FROM calls WHERE id = ?',
          [call.id],
        ),
      );
      // Undialled: failed after 30 s.
      expect(row?.next_status).toBe('failed');
      expect(row.next_transition_at.getTime() - row.start_time.getTime()).toBe(30_000);

      const body = userInvite({ fromUser: `u${who.user.id}`, toUser: OFF_NET, portalCallId: String(call.id) });
      const before = Date.now();
      expect(await decide(t, body)).toEqual({ action: 'route', target: 'trunk', callerId: who.number, record: false });
      const [bound, ...others] = await callsOfDialog(t, body.callId);
      const boundDeadline = bound?.next_transition_at?.getTime() ?? 0;
      expect(others).toEqual([]);
      expect(bound).toMatchObject({
        id: call.id,
        call_sid: body.callId,
        status: 'initiated',
        rate_per_minute: RATE.toFixed(4),
      });
      // Dialled: 60 s from now.
      expect(boundDeadline).toBeGreaterThanOrEqual(before + 60_000 - 5);
      expect(boundDeadline).toBeLessThanOrEqual(Date.now() + 60_000);
      // The same INVITE again: the same route. Another INVITE for the same call: it is placed already.
      expect(await decide(t, body)).toEqual({ action: 'route', target: 'trunk', callerId: who.number, record: false });
      expect(await decide(t, { ...body, callId: newCallId() })).toEqual(refusal(404, 'Call not found'));
      const view = (await t.http().get(`/api/v1/calls/${call.id}`).set(bearer(who.accessToken)).expect(200)).body;
      expect(view.callSid).toBe(body.callId);
    });

    it("refuses another user's call, a call to another number, and one no longer initiated (404), unchanged", async () => {
      const alice = await caller(t);
      const bob = await caller(t);
      const call = await placed(alice);
      const before = await t.sql('SELECT * FROM calls WHERE id = ?', [call.id]);
      for (const body of [
        userInvite({ fromUser: `u${bob.user.id}`, toUser: OFF_NET, portalCallId: String(call.id) }),
        userInvite({ fromUser: `u${alice.user.id}`, toUser: '+12125550199', portalCallId: String(call.id) }),
        userInvite({ fromUser: `u${alice.user.id}`, toUser: OFF_NET, portalCallId: '2147483647' }),
        userInvite({ fromUser: `u${alice.user.id}`, toUser: OFF_NET, portalCallId: '9999999999' }),
      ]) {
        expect(await decide(t, body)).toEqual(refusal(404));
      }
      expect(await t.sql('SELECT * FROM calls WHERE id = ?', [call.id])).toEqual(before);
      expect(await callCount(bob.user.id)).toBe(0);

      await t
        .http()
        .patch(`/api/v1/calls/${call.id}`)
        .set(bearer(alice.accessToken))
        .send({ status: 'canceled' })
        .expect(200);
      const canceled = await t.sql('SELECT * FROM calls WHERE id = ?', [call.id]);
      expect(
        await decide(t, userInvite({ fromUser: `u${alice.user.id}`, toUser: OFF_NET, portalCallId: String(call.id) })),
      ).toEqual(refusal(404));
      expect(await t.sql('SELECT * FROM calls WHERE id = ?', [call.id])).toEqual(canceled);
    });

    it("creates the callee's row when the call placed is on-net, and prices it at 0", async () => {
      const alice = await caller(t);
      const bob = await caller(t);
      const call = await placed(alice, bob.number);
      const body = userInvite({ fromUser: `u${alice.user.id}`, toUser: bob.number, portalCallId: String(call.id) });
      const decision = (await decide(t, body)) as Extract<SipAuthorizeDecision, { target: 'user' }>;
      const [aliceLeg, bobLeg] = await callsOfDialog(t, body.callId);
      expect(aliceLeg).toMatchObject({ id: call.id, rate_per_minute: '0.0000' });
      expect(bobLeg).toMatchObject({ user_id: bob.user.id, direction: 'inbound', call_sid: `${body.callId};in` });
      expect(decision).toEqual({
        action: 'route',
        target: 'user',
        user: `u${bob.user.id}`,
        callerId: alice.number,
        calledNumber: bob.number,
        calleeCallId: bobLeg?.id,
        record: false,
      });
    });

    it('asks rtpengine to record a call placed with record: true, or to or from a number that records calls', async () => {
      const alice = await caller(t);
      const bob = await caller(t);
      const recordedCall = (await placeCall(t, alice.accessToken, { toNumber: OFF_NET, record: true }).expect(201))
        .body as Call;
      const dialled = userInvite({
        fromUser: `u${alice.user.id}`,
        toUser: OFF_NET,
        portalCallId: String(recordedCall.id),
      });
      expect(await decide(t, dialled)).toMatchObject({ target: 'trunk', record: true });
      expect((await callsOfDialog(t, dialled.callId))[0]).toMatchObject({ recorded: 1, recording_announced: 1 });

      // Bob's number records its calls: his incoming calls, on-net and from the trunk, are recorded; Alice's own
      // calls to others are not.
      await t.sql('UPDATE phone_numbers SET record_calls = 1 WHERE phone_number = ?', [bob.number]);
      const onNet = userInvite({ fromUser: `u${alice.user.id}`, toUser: bob.number });
      expect(await decide(t, onNet)).toMatchObject({ target: 'user', record: true });
      const legs = await callsOfDialog(t, onNet.callId);
      expect(legs.map((leg) => [leg.direction, leg.recorded])).toEqual([
        ['outbound', 0],
        ['inbound', 1],
      ]);
      const fromTrunk = { ...userInvite({ fromUser: '+12125550123', toUser: bob.number }), source: 'trunk' as const };
      expect(await decide(t, fromTrunk)).toMatchObject({ target: 'user', record: true });
      expect(await decide(t, userInvite({ fromUser: `u${alice.user.id}`, toUser: OFF_NET }))).toMatchObject({
        record: false,
      });
    });

    it('fails an undialled call after 30 s and a dialled one 60 s after the INVITE, when nothing is reported', async () => {
      const who = await caller(t);
      const clock = ManualClock.install(t, Date.now());
      try {
        const engine = t.app.get(CallEngine);
        const undialled = await placed(who);
        const dialled = await placed(who);
        clock.advance(20_000);
        await decide(t, userInvite({ fromUser: `u${who.user.id}`, toUser: OFF_NET, portalCallId: String(dialled.id) }));
        clock.advance(10_001);
        await engine.tick();
        const status = async (id: number) =>
          (await t.sql<{ status: string }>('SELECT status FROM calls WHERE id = ?', [id]))[0]?.status;
        expect([await status(undialled.id), await status(dialled.id)]).toEqual(['failed', 'initiated']);
        clock.advance(50_000);
        await engine.tick();
        expect(await status(dialled.id)).toBe('failed');
      } finally {
        t.app.get(Clock).now = () => new Date();
      }
    });
  });

  describe('refusals (docs/telephony.md): the SIP code, and no call row', () => {
    it('refuses who is not an active portal user with 403', async () => {
      const pending = await signUp(t);
      await assignNumber(t, pending.user.id);
      const suspended = await caller(t);
      await t.sql("UPDATE users SET status = 'suspended' WHERE id = ?", [suspended.user.id]);
      for (const fromUser of [
        'u99999999',
        'alice',
        '+15005550001',
        'u0',
        `u${pending.user.id}`,
        `u${suspended.user.id}`,
      ]) {
        expect({ fromUser, decision: await decide(t, userInvite({ fromUser, toUser: OFF_NET })) }).toEqual({
          fromUser,
          decision: refusal(403),
        });
      }
      expect(await callCount(pending.user.id)).toBe(0);
      expect(await callCount(suspended.user.id)).toBe(0);
    });

    it('refuses a caller ID that is not theirs, and a user without a number, with 403', async () => {
      const who = await caller(t);
      const other = await caller(t);
      expect(
        await decide(t, userInvite({ fromUser: `u${who.user.id}`, toUser: OFF_NET, callerId: other.number })),
      ).toEqual(refusal(403, 'Caller ID is not yours'));
      expect(
        await decide(t, userInvite({ fromUser: `u${who.user.id}`, toUser: OFF_NET, callerId: 'garbage' })),
      ).toEqual(refusal(403, 'Caller ID is not yours'));
      const numberless = await activeClient(t);
      expect(await decide(t, userInvite({ fromUser: `u${numberless.user.id}`, toUser: OFF_NET }))).toEqual(
        refusal(403),
      );
      expect(await callCount(who.user.id)).toBe(0);
      expect(await callCount(numberless.user.id)).toBe(0);
    });

    it('refuses a number that cannot be dialled with 404, and a destination country not allowed with 403', async () => {
      const who = await caller(t);
      for (const toUser of ['123', 'voicemail', '+1999']) {
        expect(await decide(t, userInvite({ fromUser: `u${who.user.id}`, toUser }))).toEqual(refusal(404));
      }
      // SIP_ALLOWED_COUNTRIES defaults to US,CA: London and Jamaica (+1 876, inside the NANP) are refused.
      for (const toUser of ['+442071838750', '+18765550123']) {
        expect(await decide(t, userInvite({ fromUser: `u${who.user.id}`, toUser }))).toEqual(
          refusal(403, 'Destination country not allowed'),
        );
      }
      expect(await decide(t, userInvite({ fromUser: `u${who.user.id}`, toUser: '+16135550123' }))).toMatchObject({
        action: 'route',
      });
      expect(await callCount(who.user.id)).toBe(1);
    });

    it('refuses the 11th call started in a minute with 486 "Rate limit", counting POST /calls and INVITEs together', async () => {
      const who = await caller(t);
      // Each call ends at once here, so only the rate limit can refuse (not the calls in flight).
      const endAll = () =>
        t.sql("UPDATE calls SET status = 'failed', next_status = NULL, next_transition_at = NULL WHERE user_id = ?", [
          who.user.id,
        ]);
      const viaApi: Call[] = [];
      for (let i = 0; i < 5; i++) {
        viaApi.push((await placeCall(t, who.accessToken, { toNumber: OFF_NET }).expect(201)).body as Call);
        await endAll();
      }
      await t.sql("UPDATE calls SET status = 'initiated' WHERE id = ?", [viaApi[4]?.id]);
      for (let i = 0; i < 5; i++) {
        expect(await decide(t, userInvite({ fromUser: `u${who.user.id}`, toUser: OFF_NET }))).toMatchObject({
          action: 'route',
        });
        await endAll();
      }
      await t.sql("UPDATE calls SET status = 'initiated' WHERE id = ?", [viaApi[4]?.id]);
      expect(await decide(t, userInvite({ fromUser: `u${who.user.id}`, toUser: OFF_NET }))).toEqual(
        refusal(486, 'Rate limit'),
      );
      expectProblem(await placeCall(t, who.accessToken, { toNumber: OFF_NET }), 429);
      // A call placed through POST /calls was counted there: its INVITE is not counted again.
      expect(
        await decide(
          t,
          userInvite({ fromUser: `u${who.user.id}`, toUser: OFF_NET, portalCallId: String(viaApi[4]?.id) }),
        ),
      ).toMatchObject({ action: 'route' });
      expect(await callCount(who.user.id)).toBe(10);
    });

    it('refuses a call beyond SIP_MAX_CONCURRENT_CALLS (3) outbound calls in flight with 486', async () => {
      const who = await caller(t);
      for (const status of ['initiated', 'ringing'] as const) {
        await insertCall(t, { userId: who.user.id, fromNumber: who.number, status, endTime: null });
      }
      // Received calls and ended ones do not count.
      await insertCall(t, {
        userId: who.user.id,
        fromNumber: OFF_NET,
        direction: 'inbound',
        status: 'in_progress',
        endTime: null,
      });
      await insertCall(t, { userId: who.user.id, fromNumber: who.number, status: 'completed' });
      const third = await decide(t, userInvite({ fromUser: `u${who.user.id}`, toUser: OFF_NET }));
      expect(third).toMatchObject({ action: 'route' });
      expect(await decide(t, userInvite({ fromUser: `u${who.user.id}`, toUser: OFF_NET }))).toEqual(
        refusal(486, 'Too many concurrent calls'),
      );
      expectProblem(await placeCall(t, who.accessToken, { toNumber: OFF_NET }), 409, /in progress/);
      expect(await callCount(who.user.id)).toBe(5);
    });

    it("refuses a call once today's spend reaches SIP_DAILY_SPEND_CAP (25.00) with 403; yesterday's does not count", async () => {
      const who = await caller(t);
      const now = new Date();
      const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
      await insertCall(t, {
        userId: who.user.id,
        fromNumber: who.number,
        startTime: new Date(midnight.getTime() - 60_000),
        durationSeconds: 60,
        cost: 40,
      });
      await insertCall(t, {
        userId: who.user.id,
        fromNumber: who.number,
        startTime: midnight,
        durationSeconds: 600,
        cost: 24.99,
      });
      expect(await decide(t, userInvite({ fromUser: `u${who.user.id}`, toUser: OFF_NET }))).toMatchObject({
        action: 'route',
      });
      await t.sql("UPDATE calls SET status = 'failed', next_status = NULL WHERE user_id = ? AND status = 'initiated'", [
        who.user.id,
      ]);
      await insertCall(t, {
        userId: who.user.id,
        fromNumber: who.number,
        startTime: midnight,
        durationSeconds: 30,
        cost: 0.01,
      });
      expect(await decide(t, userInvite({ fromUser: `u${who.user.id}`, toUser: OFF_NET }))).toEqual(
        refusal(403, 'Daily spend cap reached'),
      );
      expectProblem(await placeCall(t, who.accessToken, { toNumber: OFF_NET }), 409, /daily cap/);
      expect(await callCount(who.user.id)).toBe(4);
    });

    it('refuses a trunk call to a number the portal does not own, or whose owner is not active, with 404', async () => {
      const owner = await caller(t);
      const unassigned = freshNumber();
      await t.sql(
        "INSERT INTO phone_numbers (phone_number, status, created_at) VALUES (?, 'available', UTC_TIMESTAMP(3))",
        [unassigned],
      );
      const inbound = (toUser: string) => ({
        callId: newCallId(),
        source: 'trunk' as const,
        fromUser: '+12125550123',
        toUser,
        callerId: '',
        portalCallId: '',
      });
      expect(await decide(t, inbound(OFF_NET))).toEqual(refusal(404));
      expect(await decide(t, inbound(unassigned))).toEqual(refusal(404));
      expect(await decide(t, inbound('not-a-number'))).toEqual(refusal(404));
      await t.sql("UPDATE users SET status = 'suspended' WHERE id = ?", [owner.user.id]);
      expect(await decide(t, inbound(owner.number))).toEqual(refusal(404));
      expect(await callCount(owner.user.id)).toBe(0);
    });
  });
});

describe('POST /internal/sip/authorize from an address that is not the SIP server', () => {
  it('answers 404 even with the secret, whatever X-Forwarded-For claims', async () => {
    const t = await startTestApp({
      TRUST_PROXY: 'loopback',
      CALL_ENGINE: 'off',
      ...sipEnv(undefined, { SIP_SERVER_ADDRESSES: '10.9.9.9' }),
    });
    try {
      const who = await caller(t);
      const body = userInvite({ fromUser: `u${who.user.id}`, toUser: OFF_NET });
      expectProblem(await authorize(t, body), 404);
      // request.ip trusts the loopback proxy and would read 10.9.9.9; the guard reads the socket.
      expectProblem(await authorize(t, body, { headers: { 'X-Forwarded-For': '10.9.9.9' } }), 404);
      expect(await t.sql('SELECT id FROM calls WHERE user_id = ?', [who.user.id])).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

describe('POST /internal/sip/authorize with the mock', () => {
  it('does not exist (404), even with the secret', async () => {
    const t = await startTestApp({ TRUST_PROXY: 'loopback', CALL_ENGINE: 'off' });
    try {
      const who = await caller(t);
      expectProblem(await authorize(t, userInvite({ fromUser: `u${who.user.id}`, toUser: OFF_NET })), 404);
      expect(await t.sql('SELECT id FROM calls WHERE user_id = ?', [who.user.id])).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
