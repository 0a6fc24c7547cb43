import { CallStatus, FAILED_CALL_STATUSES, FINAL_CALL_STATUSES } from '@hh/contracts';
import { roundMoney } from '../../common/money';

/**
 * The pure rules of a call's life the provider does not decide: which statuses are final or failed, and what a
 * finished call costs. What follows each status, and when, is the provider's (voip/VoipService).
 */

export function isFinal(status: CallStatus): boolean {
  return FINAL_CALL_STATUSES.includes(status);
}

export function isFailed(status: CallStatus): boolean {
  return FAILED_CALL_STATUSES.includes(status);
}

/** ceil(duration / 60) × rate per minute, in 4 decimals; unanswered calls cost nothing. */
export function callCost(durationSeconds: number, ratePerMinute: number): number {
  if (durationSeconds <= 0) return 0;
  return roundMoney(Math.ceil(durationSeconds / 60) * ratePerMinute);
}
