import { answeredSeconds, nextTransition } from '../voip/call-plan';
import { CallPlan } from '../voip/voip-provider';
import { callCost, hangupStatus, legSids, reportedTransition } from './call-lifecycle';
import { countryOf, startOfUtcDay } from './call-policy';

const plan: CallPlan = { ringMs: 2000, outcome: 'in_progress', outcomeMs: 3000, talkSeconds: 30 };
const t0 = new Date('2026-11-24T10:00:00.000Z');

describe('nextTransition', () => {
  it('follows the plan at speed 1', () => {
    expect(nextTransition('initiated', plan, t0, 1)).toEqual({
      status: 'ringing',
      at: new Date('2026-11-24T10:00:02.000Z'),
    });
    expect(nextTransition('ringing', plan, t0, 1)).toEqual({
      status: 'in_progress',
      at: new Date('2026-11-24T10:00:03.000Z'),
    });
    expect(nextTransition('in_progress', plan, t0, 1)).toEqual({
      status: 'completed',
      at: new Date('2026-11-24T10:00:30.000Z'),
    });
    expect(nextTransition('completed', plan, t0, 1)).toBeNull();
    expect(nextTransition('canceled', plan, t0, 1)).toBeNull();
  });

  it('divides every delay by the speed', () => {
    expect(nextTransition('in_progress', plan, t0, 100)?.at).toEqual(new Date('2026-11-24T10:00:00.300Z'));
  });

  it('bounds a call left in progress by 4 hours', () => {
    const open = { ...plan, talkSeconds: null };
    expect(nextTransition('in_progress', open, t0, 1)?.at).toEqual(new Date('2026-11-24T14:00:00.000Z'));
  });

  it('turns ringing into the planned outcome', () => {
    expect(nextTransition('ringing', { ...plan, outcome: 'busy' }, t0, 1)?.status).toBe('busy');
  });
});

describe('answeredSeconds', () => {
  it('counts simulated seconds', () => {
    expect(answeredSeconds(t0, new Date(t0.getTime() + 300), 100, null)).toBe(30);
    expect(answeredSeconds(t0, new Date(t0.getTime() + 12_400), 1, null)).toBe(12);
  });

  it('never exceeds the planned talk time', () => {
    expect(answeredSeconds(t0, new Date(t0.getTime() + 31_000), 1, 30)).toBe(30);
  });
});

describe('callCost', () => {
  it('charges per started minute', () => {
    expect(callCost(0, 0.02)).toBe(0);
    expect(callCost(1, 0.02)).toBe(0.02);
    expect(callCost(60, 0.02)).toBe(0.02);
    expect(callCost(61, 0.02)).toBe(0.04);
    expect(callCost(180, 0.0175)).toBe(0.0525);
  });
});

describe('reportedTransition (a provider reports a change)', () => {
  it('follows initiated → ringing → in_progress → completed, and ends a call before the answer', () => {
    expect(reportedTransition('initiated', 'ringing')).toBe('ringing');
    expect(reportedTransition('initiated', 'in_progress')).toBe('in_progress');
    expect(reportedTransition('ringing', 'in_progress')).toBe('in_progress');
    expect(reportedTransition('in_progress', 'completed')).toBe('completed');
    for (const end of ['busy', 'no_answer', 'failed', 'canceled'] as const) {
      expect(reportedTransition('initiated', end)).toBe(end);
      expect(reportedTransition('ringing', end)).toBe(end);
    }
  });

  it('reads "ended" as completed once answered, canceled before', () => {
    expect(reportedTransition('in_progress', 'ended')).toBe('completed');
    expect(reportedTransition('ringing', 'ended')).toBe('canceled');
    expect(reportedTransition('initiated', 'ended')).toBe('canceled');
  });

  it('ignores what no longer applies: ringing twice or after the answer, an early end after it, anything after the end', () => {
    expect(reportedTransition('ringing', 'ringing')).toBeNull();
    expect(reportedTransition('in_progress', 'ringing')).toBeNull();
    expect(reportedTransition('in_progress', 'in_progress')).toBeNull();
    expect(reportedTransition('in_progress', 'busy')).toBeNull();
    expect(reportedTransition('ringing', 'completed')).toBeNull();
    for (const final of ['completed', 'failed', 'busy', 'no_answer', 'canceled'] as const) {
      for (const report of ['ringing', 'in_progress', 'completed', 'ended', 'failed', 'canceled'] as const) {
        expect({ final, report, next: reportedTransition(final, report) }).toEqual({ final, report, next: null });
      }
    }
  });
});

describe('the toll-fraud helpers', () => {
  it("reads a number's country from libphonenumber: +1 876 is Jamaica, not the US", () => {
    expect(countryOf('+19096874971')).toBe('US');
    expect(countryOf('+16135550123')).toBe('CA');
    expect(countryOf('+18765550123')).toBe('JM');
    expect(countryOf('+442071838750')).toBe('GB');
    expect(countryOf('+15005550004')).toBe('US');
  });

  it('counts the day from midnight UTC', () => {
    expect(startOfUtcDay(new Date('2026-11-24T23:59:59.999-05:00'))).toEqual(new Date('2026-11-25T00:00:00.000Z'));
    expect(startOfUtcDay(new Date('2026-11-24T00:00:00.000Z'))).toEqual(new Date('2026-11-24T00:00:00.000Z'));
  });
});

describe('legSids', () => {
  it("names a leg's own sid and the other leg's: <sid> for the caller, <sid>;in for the callee", () => {
    expect(legSids('MOCKabc')).toEqual(['MOCKabc', 'MOCKabc;in']);
    expect(legSids('MOCKabc;in')).toEqual(['MOCKabc;in', 'MOCKabc']);
  });
});

describe('hangupStatus', () => {
  it("completes both legs once answered; before, cancels the caller's and leaves the callee a missed call", () => {
    expect(hangupStatus({ status: 'in_progress', direction: 'outbound' })).toBe('completed');
    expect(hangupStatus({ status: 'in_progress', direction: 'inbound' })).toBe('completed');
    expect(hangupStatus({ status: 'ringing', direction: 'outbound' })).toBe('canceled');
    expect(hangupStatus({ status: 'initiated', direction: 'inbound' })).toBe('no_answer');
  });
});
