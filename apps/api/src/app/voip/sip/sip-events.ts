import type { ProviderReport } from '../voip-provider';
import type { SipEventKind } from './sip-event.entity';
import { calleeSid } from './sip-identity';

/** One row of the inbox as the worker reads it. */
export interface SipEvent {
  id: number;
  sipCallId: string;
  event: SipEventKind;
  sipCode: number | null;
  occurredAtMs: number;
}

type Leg = 'caller' | 'callee';

/**
 * The status an event gives a leg (docs/telephony.md): 180/183 ringing; the 200 OK answers; a BYE ends (completed
 * once answered, canceled before: the engine decides from the call's status); a final failure by its code — 486, 600
 * and 603 busy, 408 and 480 no answer, 487 (the caller gave up) canceled for the caller and missed (no_answer) for
 * the callee, anything else failed.
 */
export function reportedStatus(event: SipEventKind, sipCode: number | null, leg: Leg): ProviderReport['status'] {
  switch (event) {
    case 'ringing':
      return 'ringing';
    case 'answered':
      return 'in_progress';
    case 'ended':
      return 'ended';
    case 'failed':
      switch (sipCode) {
        case 486:
        case 600:
        case 603:
          return 'busy';
        case 408:
        case 480:
          return 'no_answer';
        case 487:
          return leg === 'caller' ? 'canceled' : 'no_answer';
        default:
          return 'failed';
      }
  }
}

/**
 * The reports of one event: for the caller's leg (sid = the Call-ID) and the callee's (the Call-ID + ';in'); the
 * engine skips the leg that has no row (a trunk call has no caller's row, an off-net call no callee's), at the time
 * the SIP server saw it.
 */
export function reportsOf(event: SipEvent): ProviderReport[] {
  const at = new Date(event.occurredAtMs);
  return [
    { callSid: event.sipCallId, status: reportedStatus(event.event, event.sipCode, 'caller'), at },
    { callSid: calleeSid(event.sipCallId), status: reportedStatus(event.event, event.sipCode, 'callee'), at },
  ];
}

/**
 * The claimed events this worker may apply now, in order: for each Call-ID, only when its earliest claimed event is
 * the earliest unprocessed one of that Call-ID (`firstUnprocessed`, read after the claim). Another instance may hold
 * earlier events of the same dialog (claimed before ours, SKIP LOCKED hid them from us); applying ours first would
 * end a call before its answer, so they wait for the next tick.
 */
export function eventsInOrder(claimed: SipEvent[], firstUnprocessed: Map<string, number>): SipEvent[] {
  const firstClaimed = new Map<string, number>();
  for (const event of claimed) {
    const seen = firstClaimed.get(event.sipCallId);
    if (seen === undefined || event.id < seen) firstClaimed.set(event.sipCallId, event.id);
  }
  return claimed
    .filter((event) => {
      const first = firstUnprocessed.get(event.sipCallId);
      return first === undefined || first >= (firstClaimed.get(event.sipCallId) ?? event.id);
    })
    .sort((a, b) => a.id - b.id);
}
