import { CallStatus, FAILED_CALL_STATUSES, FINAL_CALL_STATUSES } from '@hh/contracts';
import type { ProviderReport } from '../voip/voip-provider';
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

/**
 * The transition a provider's report makes from `current`, or null when it no longer applies (the engine's safety
 * deadline or a hang-up came first, or the report repeats): ringing only from initiated; the answer before the end;
 * completed only once answered; any other end only before the answer. `ended` is completed once answered, canceled
 * before (the caller gave up before an answer).
 */
export function reportedTransition(current: CallStatus, reported: ProviderReport['status']): CallStatus | null {
  if (isFinal(current)) return null;
  const answered = current === 'in_progress';
  switch (reported) {
    case 'ended':
      return answered ? 'completed' : 'canceled';
    case 'ringing':
      return current === 'initiated' ? 'ringing' : null;
    case 'in_progress':
      return answered ? null : 'in_progress';
    case 'completed':
      return answered ? 'completed' : null;
    default:
      return answered ? null : reported;
  }
}

/**
 * The two legs of one call between two parties share a sid: the caller's is `<sid>`, the callee's `<sid>;in` (the
 * SIP Call-ID convention of voip/sip, which the mock follows for its on-net and simulated calls). A leg's sids, its
 * own and the other leg's.
 */
export const CALLEE_LEG_SUFFIX = ';in';

export function legSids(callSid: string): [string, string] {
  return callSid.endsWith(CALLEE_LEG_SUFFIX)
    ? [callSid, callSid.slice(0, -CALLEE_LEG_SUFFIX.length)]
    : [callSid, `${callSid}${CALLEE_LEG_SUFFIX}`];
}

/**
 * What a hang-up makes of each leg of a mock call: once answered both complete; before, the caller's leg is
 * canceled and the callee's is no_answer (a missed call), whoever hung up.
 */
export function hangupStatus(leg: { status: CallStatus; direction: 'inbound' | 'outbound' }): CallStatus {
  if (leg.status === 'in_progress') return 'completed';
  return leg.direction === 'inbound' ? 'no_answer' : 'canceled';
}
