import type { CallStatus } from '@hh/contracts';
import { CallPlan, MAX_CALL_SECONDS, NextTransition } from './voip-provider';

/**
 * The pure rules of a planned (mock) call: what follows each status under its plan, and when (in real time,
 * VOIP_MOCK_SPEED dividing simulated time).
 */

/** The transition due after `status` was reached at `reachedAt`; null when the call is final. */
export function nextTransition(
  status: CallStatus,
  plan: CallPlan,
  reachedAt: Date,
  speed: number,
): NextTransition | null {
  const after = (simulatedMs: number) => new Date(reachedAt.getTime() + simulatedMs / speed);
  switch (status) {
    case 'initiated':
      return { status: 'ringing', at: after(plan.ringMs) };
    case 'ringing':
      return { status: plan.outcome, at: after(plan.outcomeMs) };
    case 'in_progress':
      return { status: 'completed', at: after((plan.talkSeconds ?? MAX_CALL_SECONDS) * 1000) };
    default:
      return null;
  }
}

/**
 * Answered seconds in simulated time. A call completed by its plan lasts exactly the planned seconds; a call
 * hung up early lasts the real time since it was answered, scaled by the speed, rounded to whole seconds.
 */
export function answeredSeconds(answeredAt: Date, endedAt: Date, speed: number, planned: number | null): number {
  const elapsed = Math.max(0, Math.round(((endedAt.getTime() - answeredAt.getTime()) * speed) / 1000));
  return planned === null ? Math.min(elapsed, MAX_CALL_SECONDS) : Math.min(elapsed, planned);
}
