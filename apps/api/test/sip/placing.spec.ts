import type { Call } from '@hh/contracts';
import { startTestApp, TestApp } from '../support/test-app';
import { bearer } from '../support/accounts';
import { expectProblem } from '../support/http';
import { caller, Caller, eventually, placeCall } from '../support/calls';
import { listen, SseClient } from '../support/sse';
import { decide, FakeKamailio, sipEnv, userInvite } from '../support/sip';

const OFF_NET = '+19096874971';

async function apiKeyOf(t: TestApp, who: Caller): Promise<string> {
  const res = await t.http().post('/api/v1/api-keys').set(bearer(who.accessToken)).send({ keyName: 'crm' }).expect(201);
  return res.body.key as string;
}

describe('POST /calls and PATCH /calls with VOIP_PROVIDER=sip', () => {
  let t: TestApp;
  let kamailio: FakeKamailio;
  let url: string;
  const streams: SseClient[] = [];
  beforeAll(async () => {
    kamailio = await FakeKamailio.start();
    t = await startTestApp({ TRUST_PROXY: 'loopback', CALL_ENGINE: 'off', ...sipEnv(kamailio.url) });
    url = await listen(t);
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await t?.close();
    await kamailio?.stop();
  });
  const stream = async (token: string) => {
    const client = await SseClient.open(url, token);
    streams.push(client);
    return client;
  };
  const callsOf = async (userId: number) =>
    (await t.sql<{ id: number }>('SELECT id FROM calls WHERE user_id = ?', [userId])).map((row) => row.id);

  it('refuses a call placed with an API key when the user has no softphone online (409), creating nothing', async () => {
    const who = await caller(t);
    const key = await apiKeyOf(t, who);
    const res = await t.http().post('/api/v1/calls').set('X-API-Key', key).send({ toNumber: OFF_NET });
    expectProblem(
      res,
      409,
      'No softphone is online for this account: open the dialer in a browser to place calls with an API key',
    );
    expect(kamailio.received).toContainEqual({ method: 'ul.lookup', params: ['location', `u${who.user.id}@sip.test`] });
    expect(await callsOf(who.user.id)).toEqual([]);
  });

  it('replays an Idempotency-Key with its call even once no softphone is online any more', async () => {
    const who = await caller(t);
    kamailio.online.add(`u${who.user.id}`);
    const key = await apiKeyOf(t, who);
    const send = () =>
      t
        .http()
        .post('/api/v1/calls')
        .set('X-API-Key', key)
        .set('Idempotency-Key', 'crm-order-77')
        .send({ toNumber: OFF_NET });
    const first = await send().expect(201);
    kamailio.online.delete(`u${who.user.id}`);
    const replay = await send().expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(await callsOf(who.user.id)).toEqual([first.body.id]);
    // A new request still needs a softphone.
    const other = await t.http().post('/api/v1/calls').set('X-API-Key', key).send({ toNumber: OFF_NET });
    expectProblem(other, 409, /softphone/);
  });

  it("sends a key's call to the user's softphones as call.dial when one is online", async () => {
    const who = await caller(t);
    kamailio.online.add(`u${who.user.id}`);
    const key = await apiKeyOf(t, who);
    const softphone = await stream(who.accessToken);
    const other = await caller(t);
    const bystander = await stream(other.accessToken);
    const res = await t.http().post('/api/v1/calls').set('X-API-Key', key).send({ toNumber: OFF_NET }).expect(201);
    const call = res.body as Call;
    expect(call).toMatchObject({ status: 'initiated', callSid: null, toNumber: OFF_NET, fromNumber: who.number });
    await softphone.until((events) => events.some((e) => e.event === 'call.dial'), 5000, 'call.dial');
    expect(softphone.events.filter((e) => e.event === 'call.dial').map((e) => e.data)).toEqual([call]);
    expect(softphone.events.some((e) => e.event === 'call.updated' && (e.data as Call).id === call.id)).toBe(true);
    // The softphone dials it; the INVITE binds the call.
    expect(
      await decide(t, userInvite({ fromUser: `u${who.user.id}`, toUser: OFF_NET, portalCallId: String(call.id) })),
    ).toMatchObject({ action: 'route', target: 'trunk' });
    expect(bystander.events.filter((e) => (e.data as Call).id === call.id)).toEqual([]);
  });

  it('publishes no call.dial for the dialer itself (a session), which needs no softphone check', async () => {
    const who = await caller(t);
    const softphone = await stream(who.accessToken);
    const before = kamailio.received.length;
    const call = (await placeCall(t, who.accessToken, { toNumber: OFF_NET }).expect(201)).body as Call;
    await softphone.until(
      (events) => events.some((e) => e.event === 'call.updated' && (e.data as Call).id === call.id),
      5000,
      'call.updated',
    );
    expect(softphone.events.filter((e) => e.event === 'call.dial')).toEqual([]);
    expect(kamailio.received.slice(before).filter((r) => r.method === 'ul.lookup')).toEqual([]);
  });

  it('applies the toll-fraud guards to POST /calls: 403 for a country not allowed', async () => {
    const who = await caller(t);
    expectProblem(await placeCall(t, who.accessToken, { toNumber: '+442071838750' }), 403, /GB/);
    expect(await callsOf(who.user.id)).toEqual([]);
  });

  it('ends the dialog through Kamailio when a dialled call is hung up', async () => {
    const who = await caller(t);
    const call = (await placeCall(t, who.accessToken, { toNumber: OFF_NET }).expect(201)).body as Call;
    const invite = userInvite({ fromUser: `u${who.user.id}`, toUser: OFF_NET, portalCallId: String(call.id) });
    await decide(t, invite);
    const res = await t
      .http()
      .patch(`/api/v1/calls/${call.id}`)
      .set(bearer(who.accessToken))
      .send({ status: 'canceled' })
      .expect(200);
    expect(res.body).toMatchObject({ status: 'canceled', callSid: invite.callId });
    await eventually(
      async () => kamailio.received.some((r) => r.method === 'dlg.end_dlg'),
      5000,
      'the dialog to be ended',
    );
    const dialogCommands = kamailio.received.filter((r) => r.method.startsWith('dlg.'));
    expect(dialogCommands).toEqual([
      { method: 'dlg.dlg_list', params: [invite.callId] },
      { method: 'dlg.end_dlg', params: [42, 7] },
    ]);

    // A call no softphone has dialled has no dialog to end.
    const undialled = (await placeCall(t, who.accessToken, { toNumber: OFF_NET }).expect(201)).body as Call;
    await t
      .http()
      .patch(`/api/v1/calls/${undialled.id}`)
      .set(bearer(who.accessToken))
      .send({ status: 'canceled' })
      .expect(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(kamailio.received.filter((r) => r.method.startsWith('dlg.'))).toHaveLength(2);
  });

  it("answers 409 to digits sent through the API: they travel in the call's audio", async () => {
    const who = await caller(t);
    const invite = userInvite({ fromUser: `u${who.user.id}`, toUser: OFF_NET });
    await decide(t, invite);
    const [row] = await t.sql<{ id: number }>('SELECT id FROM calls WHERE call_sid = ?', [invite.callId]);
    await t.sql("UPDATE calls SET status = 'in_progress', answered_at = UTC_TIMESTAMP(3) WHERE id = ?", [row?.id]);
    expectProblem(
      await t.http().post(`/api/v1/calls/${row?.id}/digits`).set(bearer(who.accessToken)).send({ digits: '12#' }),
      409,
      /RFC 4733/,
    );
  });
});

describe('POST /calls with an API key when Kamailio cannot be reached', () => {
  it('answers 409 as for a user without a softphone', async () => {
    const t = await startTestApp({ TRUST_PROXY: 'loopback', CALL_ENGINE: 'off', ...sipEnv('http://127.0.0.1:9/RPC') });
    try {
      const who = await caller(t);
      const key = await apiKeyOf(t, who);
      expectProblem(
        await t.http().post('/api/v1/calls').set('X-API-Key', key).send({ toNumber: OFF_NET }),
        409,
        /softphone/,
      );
      expect(await t.sql('SELECT id FROM calls WHERE user_id = ?', [who.user.id])).toEqual([]);
      // The dialer's own calls do not depend on Kamailio's answer.
      await placeCall(t, who.accessToken, { toNumber: OFF_NET }).expect(201);
    } finally {
      await t.close();
    }
  });
});
