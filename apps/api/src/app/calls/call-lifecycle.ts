import { CallStatus, FAILED_CALL_STATUSES, FINAL_CALL_STATUSES } from '@hh/contracts';
import { CallPlan, MAX_CALL_SECONDS } from '../voip/voip-provider';
import { roundMoney } from '../../common/money';

/**
 * The pure rules of a call's life: what follows each status under the provider's plan, when (in real time,
 * VOIP_MOCK_SPEED dividing simulated time), and what a finished call costs.
 */
export interface NextTransition {
  status: Exclude<CallStatus, 'initiated' | 'canceled'>;
  at: Date;
}

export function isFinal(status: CallStatus): boolean {
  return FINAL_CALL_STATUSES.includes(status);
}

export function isFailed(status: CallStatus): boolean {
  return FAILED_CALL_STATUSES.includes(status);
}

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

/** ceil(duration / 60) × rate per minute, in 4 decimals; unanswered calls cost nothing. */
export function callCost(durationSeconds: number, ratePerMinute: number): number {
  if (durationSeconds <= 0) return 0;
  return roundMoney(Math.ceil(durationSeconds / 60) * ratePerMinute);
}
