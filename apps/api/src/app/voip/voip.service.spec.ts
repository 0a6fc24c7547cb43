import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import type { CallPlanRepository } from './call-plan.repository';
import { MockVoipProvider } from './mock-voip-provider';
import { KamailioRpc } from './sip/kamailio-rpc';
import { SipVoipProvider } from './sip/sip-voip-provider';
import { CallPlan, MAX_CALL_SECONDS, ProgressStep } from './voip-provider';
import { VoipService } from './voip.service';

const t0 = new Date('2032-03-10T10:00:00.000Z');
const em = {} as EntityManager;
const plan: CallPlan = { ringMs: 2000, outcome: 'in_progress', outcomeMs: 3000, talkSeconds: 30 };

function service(plans: Map<number, CallPlan>, speed = 1) {
  const repository = {
    save: jest.fn().mockResolvedValue(undefined),
    findMany: jest.fn().mockResolvedValue(plans),
  };
  const config = { voip: { mockSpeed: speed, mockRatePerMinute: 0.02 } } as unknown as AppConfig;
  const voip = new VoipService(new MockVoipProvider(), config, repository as unknown as CallPlanRepository);
  return { voip, repository };
}

const step = (status: ProgressStep['status'], at: Date, extra: Partial<ProgressStep> = {}): ProgressStep => ({
  callId: 1,
  status,
  at,
  answeredAt: null,
  byEngine: true,
  ...extra,
});

describe('VoipService', () => {
  it('schedules the first transition from the plan and stores the plan with the call', async () => {
    const { voip, repository } = service(new Map(), 2);
    const placed = { callSid: 'MOCK1', plan };
    expect(voip.firstTransition(placed, t0)).toEqual({ status: 'ringing', at: new Date('2032-03-10T10:00:01.000Z') });
    await voip.remember(7, placed, em);
    expect(repository.save).toHaveBeenCalledWith(7, plan, em);
  });

  it('schedules nothing and stores nothing for a call the mock placed without a plan', async () => {
    const { voip, repository } = service(new Map());
    expect(voip.firstTransition({ callSid: 'X', plan: null }, t0)).toBeNull();
    await voip.remember(7, { callSid: 'X', plan: null }, em);
    expect(repository.save).not.toHaveBeenCalled();
  });

  it('reads the plans of a whole batch at once and answers each step in order', async () => {
    const { voip, repository } = service(new Map([[1, plan]]));
    const answered = new Date(t0.getTime() + 5000);
    const progress = await voip.progress(
      [step('ringing', t0), step('in_progress', answered, { answeredAt: answered }), step('failed', t0)],
      em,
    );
    expect(repository.findMany).toHaveBeenCalledTimes(1);
    expect(repository.findMany).toHaveBeenCalledWith([1], em);
    expect(progress).toEqual([
      { next: { status: 'in_progress', at: new Date(t0.getTime() + 3000) }, durationSeconds: 0 },
      { next: { status: 'completed', at: new Date(answered.getTime() + 30_000) }, durationSeconds: 0 },
      { next: null, durationSeconds: 0 },
    ]);
  });

  it('gives a completion the planned talk time when the engine plays it, the elapsed time (capped) on hang-up', async () => {
    const { voip } = service(new Map([[1, plan]]), 10);
    const answeredAt = t0;
    const [byEngine, hungUp, late] = await voip.progress(
      [
        step('completed', new Date(t0.getTime() + 2900), { answeredAt }),
        step('completed', new Date(t0.getTime() + 1200), { answeredAt, byEngine: false }),
        step('completed', new Date(t0.getTime() + 60_000), { answeredAt, byEngine: false }),
      ],
      em,
    );
    expect(byEngine).toEqual({ next: null, durationSeconds: 30 });
    expect(hungUp).toEqual({ next: null, durationSeconds: 12 });
    expect(late).toEqual({ next: null, durationSeconds: 30 });
  });

  it('plays a call without a plan as one that fails at once, and an unanswered completion lasts nothing', async () => {
    const { voip } = service(new Map());
    const [ringing, completed] = await voip.progress([step('ringing', t0), step('completed', t0)], em);
    expect(ringing).toEqual({ next: { status: 'failed', at: t0 }, durationSeconds: 0 });
    expect(completed).toEqual({ next: null, durationSeconds: 0 });
    const { voip: open } = service(new Map([[1, { ...plan, talkSeconds: null }]]));
    const [{ durationSeconds } = { durationSeconds: -1 }] = await open.progress(
      [step('completed', t0, { answeredAt: t0 })],
      em,
    );
    expect(durationSeconds).toBe(MAX_CALL_SECONDS);
  });

  describe('with a provider that reports its own changes (sip)', () => {
    const sipConfig = {
      voip: {
        mockSpeed: 1,
        mockRatePerMinute: 0.02,
        sip: { ratePerMinute: 0.015, maxConcurrentCalls: 3, allowedCountries: ['US', 'CA'], dailySpendCap: 25 },
      },
    } as unknown as AppConfig;
    function sipService(plans: Map<number, CallPlan> = new Map()) {
      const repository = { save: jest.fn(), findMany: jest.fn().mockResolvedValue(plans) };
      const provider = new SipVoipProvider(new KamailioRpc('http://127.0.0.1:9/RPC'), 'localhost');
      return new VoipService(provider, sipConfig, repository as unknown as CallPlanRepository);
    }

    it('waits 30 s for a softphone to dial a call placed through the API, 60 s once dialled', () => {
      const voip = sipService();
      expect(voip.firstTransition({ callSid: null, plan: null }, t0)).toEqual({
        status: 'failed',
        at: new Date(t0.getTime() + 30_000),
      });
      expect(voip.firstTransition({ callSid: 'abc@host', plan: null }, t0)).toEqual({
        status: 'failed',
        at: new Date(t0.getTime() + 60_000),
      });
    });

    it('never fails a planless call at once: ringing fails after 60 s, an answer completes after 4 h', async () => {
      const answered = new Date(t0.getTime() + 7000);
      const [ringing, inProgress] = await sipService().progress(
        [step('ringing', t0), step('in_progress', answered, { answeredAt: answered })],
        em,
      );
      expect(ringing).toEqual({ next: { status: 'failed', at: new Date(t0.getTime() + 60_000) }, durationSeconds: 0 });
      expect(inProgress).toEqual({
        next: { status: 'completed', at: new Date(answered.getTime() + MAX_CALL_SECONDS * 1000) },
        durationSeconds: 0,
      });
    });

    it('gives a completion the real answered seconds, rounded, whoever ends it (the 4-hour deadline: 14400)', async () => {
      const [reported, hungUp, deadline, unanswered] = await sipService().progress(
        [
          step('completed', new Date(t0.getTime() + 61_499), { answeredAt: t0, byEngine: false }),
          step('completed', new Date(t0.getTime() + 2_500), { answeredAt: t0, byEngine: false }),
          step('completed', new Date(t0.getTime() + MAX_CALL_SECONDS * 1000), { answeredAt: t0 }),
          step('completed', t0),
        ],
        em,
      );
      expect(reported).toEqual({ next: null, durationSeconds: 61 });
      expect(hungUp).toEqual({ next: null, durationSeconds: 3 });
      expect(deadline).toEqual({ next: null, durationSeconds: MAX_CALL_SECONDS });
      expect(unanswered).toEqual({ next: null, durationSeconds: 0 });
    });

    it('still plays a call that has a plan (a mock call in flight when the provider changed) by its plan', async () => {
      const [ringing] = await sipService(new Map([[1, plan]])).progress([step('ringing', t0)], em);
      expect(ringing).toEqual({
        next: { status: 'in_progress', at: new Date(t0.getTime() + 3000) },
        durationSeconds: 0,
      });
    });

    it('prices trunk calls at SIP_RATE_PER_MINUTE, on-net and inbound calls at 0, and sets the guards', () => {
      const voip = sipService();
      expect([voip.ratePerMinute('outbound'), voip.ratePerMinute('on_net'), voip.ratePerMinute('inbound')]).toEqual([
        0.015, 0, 0,
      ]);
      expect(voip.tollFraudGuards()).toEqual({
        maxConcurrentCalls: 3,
        allowedCountries: ['US', 'CA'],
        dailySpendCap: 25,
      });
      expect(voip.providerName).toBe('sip');
      expect(voip.dialsThroughSoftphone).toBe(true);
      expect(voip.connectsOnNet).toBe(true);
    });

    it('has no guards, no softphone and the mock rate with the mock', () => {
      const { voip } = service(new Map());
      expect(voip.ratePerMinute('outbound')).toBe(0.02);
      expect(voip.tollFraudGuards()).toBeNull();
      expect(voip.dialsThroughSoftphone).toBe(false);
      expect(voip.connectsOnNet).toBe(false);
    });

    it('refuses DTMF through the API with a 409: the softphone sends digits in the audio', async () => {
      await expect(sipService().sendDigits('abc@host', '1')).rejects.toMatchObject({
        status: 409,
        detail: expect.stringMatching(/RFC 4733/),
      });
    });
  });
});
