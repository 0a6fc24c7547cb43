import { Logger } from '@nestjs/common';
import { TEST_NUMBERS } from '@hh/contracts';
import { MockVoipProvider, Randomness } from './mock-voip-provider';

const fixed = (fraction: number, integer: (min: number, max: number) => number): Randomness => ({
  fraction: () => fraction,
  integer,
});

describe('MockVoipProvider', () => {
  it('gives each call a unique MOCK + 32 hex sid', async () => {
    const provider = new MockVoipProvider();
    const a = await provider.placeCall({ from: '+19095550100', to: '+19096874971' });
    const b = await provider.placeCall({ from: '+19095550100', to: '+19096874971' });
    expect(a.callSid).toMatch(/^MOCK[0-9a-f]{32}$/);
    expect(a.callSid).not.toBe(b.callSid);
  });

  it("rings a portal user's number for 25 s and waits for the callee's answer, whatever the randomness says", async () => {
    const provider = new MockVoipProvider(fixed(0.99, (_min, max) => max));
    const placed = await provider.placeCall({ from: '+19095550100', to: '+19096874971', onNet: true });
    expect(placed.plan).toEqual({ ringMs: 2000, outcome: 'no_answer', outcomeMs: 25_000, talkSeconds: null });
  });

  it('plays each inbound scenario with a callee-leg sid and no caller leg', () => {
    const provider = new MockVoipProvider();
    const waits = provider.simulateInbound('caller_waits');
    expect(waits.callSid).toMatch(/^SIM[0-9a-f]{32};in$/);
    expect(waits.plan).toEqual({ ringMs: 2000, outcome: 'no_answer', outcomeMs: 25_000, talkSeconds: null });
    expect(provider.simulateInbound('caller_hangs_up_ringing').plan).toMatchObject({
      outcome: 'no_answer',
      outcomeMs: 8000,
    });
    expect(provider.simulateInbound('caller_hangs_up_after_10s').plan).toMatchObject({
      outcomeMs: 25_000,
      talkSeconds: 10,
    });
  });

  it('plays the test numbers deterministically', () => {
    const provider = new MockVoipProvider();
    expect(provider.planFor(TEST_NUMBERS.fails)).toMatchObject({ outcome: 'failed' });
    expect(provider.planFor(TEST_NUMBERS.busy)).toMatchObject({ outcome: 'busy' });
    expect(provider.planFor(TEST_NUMBERS.noAnswer)).toMatchObject({ outcome: 'no_answer' });
    expect(provider.planFor(TEST_NUMBERS.answeredThirtySeconds)).toEqual({
      ringMs: 2000,
      outcome: 'in_progress',
      outcomeMs: 3000,
      talkSeconds: 30,
    });
    expect(provider.planFor(TEST_NUMBERS.answeredUntilHangup)).toMatchObject({
      outcome: 'in_progress',
      talkSeconds: null,
    });
  });

  it('answers 80 %, leaves 10 % unanswered and fails 10 % of other calls', () => {
    const lowest = (min: number) => min;
    expect(new MockVoipProvider(fixed(0.79, lowest)).planFor('+19096874971').outcome).toBe('in_progress');
    expect(new MockVoipProvider(fixed(0.85, lowest)).planFor('+19096874971').outcome).toBe('no_answer');
    expect(new MockVoipProvider(fixed(0.95, lowest)).planFor('+19096874971').outcome).toBe('failed');
  });

  it('draws the answer delay from 3–8 s and the talk time from 30–180 s', () => {
    const calls: [number, number][] = [];
    const provider = new MockVoipProvider(fixed(0.1, (min, max) => (calls.push([min, max]), max)));
    expect(provider.planFor('+19096874971')).toEqual({
      ringMs: 2000,
      outcome: 'in_progress',
      outcomeMs: 8000,
      talkSeconds: 180,
    });
    expect(calls).toEqual([
      [3000, 8000],
      [30, 180],
    ]);
  });

  it('keeps the statistics of many random plans near 80/10/10', () => {
    const provider = new MockVoipProvider();
    const counts = { in_progress: 0, no_answer: 0, failed: 0, busy: 0 };
    for (let i = 0; i < 20_000; i++) counts[provider.planFor('+19096874971').outcome] += 1;
    expect(counts.in_progress / 20_000).toBeGreaterThan(0.77);
    expect(counts.in_progress / 20_000).toBeLessThan(0.83);
    expect(counts.no_answer / 20_000).toBeGreaterThan(0.08);
    expect(counts.failed / 20_000).toBeGreaterThan(0.08);
  });

  it('never logs the DTMF digits themselves (PINs, card numbers), only how many were sent', async () => {
    const logged = jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
    try {
      await new MockVoipProvider().sendDigits('MOCK0123', '4111111111111111#');
      expect(logged).toHaveBeenCalledTimes(1);
      expect(String(logged.mock.calls[0]?.[0])).not.toContain('4111');
      expect(logged.mock.calls[0]?.[0]).toBe('DTMF: 17 digit(s) on MOCK0123');
    } finally {
      logged.mockRestore();
    }
  });
});
