import { answeredSeconds, nextTransition } from '../voip/call-plan';
import { CallPlan } from '../voip/voip-provider';
import { callCost } from './call-lifecycle';

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
