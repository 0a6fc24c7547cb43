import { eventsInOrder, reportedStatus, reportsOf, SipEvent } from './sip-events';
import { routeOf, SIP_REFUSALS } from './sip-authorize.service';
import type { Call } from '@hh/contracts';

const event = (id: number, sipCallId: string, kind: SipEvent['event'] = 'ringing', sipCode: number | null = null) => ({
  id,
  sipCallId,
  event: kind,
  sipCode,
  occurredAtMs: 1_800_000_000_000 + id,
});

describe('SIP call events', () => {
  it('maps each event to a status, per leg for 487 (docs/telephony.md)', () => {
    expect(reportedStatus('ringing', 180, 'caller')).toBe('ringing');
    expect(reportedStatus('answered', 200, 'callee')).toBe('in_progress');
    expect(reportedStatus('ended', null, 'caller')).toBe('ended');
    for (const code of [486, 600, 603]) expect(reportedStatus('failed', code, 'callee')).toBe('busy');
    for (const code of [408, 480]) expect(reportedStatus('failed', code, 'caller')).toBe('no_answer');
    expect(reportedStatus('failed', 487, 'caller')).toBe('canceled');
    expect(reportedStatus('failed', 487, 'callee')).toBe('no_answer');
    for (const code of [403, 404, 500, 503, 488, null]) expect(reportedStatus('failed', code, 'caller')).toBe('failed');
  });

  it("reports an event for both legs, the callee's sid being the Call-ID + ;in, at the SIP server's time", () => {
    expect(reportsOf(event(7, 'abc@host', 'failed', 487))).toEqual([
      { callSid: 'abc@host', status: 'canceled', at: new Date(1_800_000_000_007) },
      { callSid: 'abc@host;in', status: 'no_answer', at: new Date(1_800_000_000_007) },
    ]);
  });

  it("applies a dialog's events only when no earlier one of it is held elsewhere, in id order", () => {
    const claimed = [event(12, 'b'), event(10, 'a'), event(11, 'a', 'answered'), event(13, 'c')];
    // a: our 10 is its first unprocessed; b: event 5 is another instance's; c: nothing else is known.
    const first = new Map([
      ['a', 10],
      ['b', 5],
    ]);
    expect(eventsInOrder(claimed, first).map((e) => e.id)).toEqual([10, 11, 13]);
  });
});

describe('authorize decisions', () => {
  const call = (fields: Partial<Call>): Call & { recorded: boolean } => ({
    id: 1,
    userId: 12,
    fromNumber: '+19095550100',
    toNumber: '+19095550199',
    direction: 'outbound',
    status: 'initiated',
    durationSeconds: 0,
    startTime: '2026-01-01T00:00:00.000Z',
    endTime: null,
    callSid: 'abc@host',
    recordingUrl: null,
    cost: 0,
    notes: null,
    recorded: false,
    ...fields,
  });

  it('routes to the trunk, to the callee on-net, and to the owner from the trunk', () => {
    expect(routeOf({ caller: call({}), callee: null })).toEqual({
      action: 'route',
      target: 'trunk',
      callerId: '+19095550100',
      record: false,
    });
    const callee = call({ id: 2, userId: 34, direction: 'inbound', callSid: 'abc@host;in' });
    expect(routeOf({ caller: call({}), callee })).toEqual({
      action: 'route',
      target: 'user',
      user: 'u34',
      callerId: '+19095550100',
      calledNumber: '+19095550199',
      calleeCallId: 2,
      record: false,
    });
    // rtpengine records the dialog when either leg is recorded.
    expect(routeOf({ caller: call({ recorded: true }), callee: null })).toMatchObject({ record: true });
    expect(routeOf({ caller: call({}), callee: { ...callee, recorded: true } })).toMatchObject({ record: true });
    expect(routeOf({ caller: null, callee: { ...callee, fromNumber: '+12125550123' } })).toMatchObject({
      user: 'u34',
      callerId: '+12125550123',
    });
    expect(routeOf({ caller: null, callee: null })).toBeNull();
  });

  it('answers each refusal with the SIP code of the table, 486 "Rate limit" for the call limit', () => {
    expect(SIP_REFUSALS.rate).toEqual({ code: 486, reason: 'Rate limit' });
    expect(SIP_REFUSALS.caller_id).toEqual({ code: 403, reason: 'Caller ID is not yours' });
    expect(Object.fromEntries(Object.entries(SIP_REFUSALS).map(([kind, refusal]) => [kind, refusal.code]))).toEqual({
      account: 403,
      no_number: 403,
      caller_id: 403,
      destination: 404,
      country: 403,
      rate: 486,
      concurrent: 486,
      spend: 403,
      unknown_call: 404,
    });
  });
});
