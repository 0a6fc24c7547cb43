import type { CallStatus } from './domain';

/** Sort orders of GET /calls. */
export const CALL_SORTS = ['-startTime', 'startTime', '-durationSeconds', '-cost'] as const;
export type CallSort = (typeof CALL_SORTS)[number];

export interface CallStats {
  totalCalls: number;
  successfulCalls: number;
  failedCalls: number;
  canceledCalls: number;
  totalDurationSeconds: number;
  averageDurationSeconds: number;
  totalCost: number;
  successRate: number;
  byStatus: Record<CallStatus, number>;
  daily: DailyCallFigures[];
}

export interface DailyCallFigures {
  date: string;
  calls: number;
  successful: number;
  failed: number;
  durationSeconds: number;
  cost: number;
}

export interface PlaceCallRequest {
  toNumber: string;
  fromNumber?: string;
  notes?: string;
}

/**
 * Live events of GET /api/v1/events (Server-Sent Events); call.updated carries the Call itself. call.dial (real calls
 * only) carries a Call placed through the API for the user's softphone to dial (docs/telephony.md). call.incoming
 * (mock) carries the callee's Call when their inbound leg starts ringing: answer or decline it through the API.
 */
export const REALTIME_EVENTS = {
  callUpdated: 'call.updated',
  callDial: 'call.dial',
  callIncoming: 'call.incoming',
  numberRequestUpdated: 'number-request.updated',
  activityCreated: 'activity.created',
} as const;

/** The hang-up transitions a caller may ask for (PATCH /calls/:id). */
export const HANGUP_TRANSITIONS: Partial<Record<CallStatus, CallStatus>> = {
  initiated: 'canceled',
  ringing: 'canceled',
  in_progress: 'completed',
};

/**
 * What the outside caller of a simulated inbound call does (POST /sim/inbound-calls, mock only):
 * caller_hangs_up_ringing gives up after ~8 s of ringing (the callee's call ends no_answer, missed);
 * caller_hangs_up_after_10s hangs up 10 s after the answer (completed, 10 s); caller_waits stays until the callee
 * answers and hangs up, or the 25 s without an answer.
 */
export const INBOUND_CALL_SCENARIOS = ['caller_waits', 'caller_hangs_up_ringing', 'caller_hangs_up_after_10s'] as const;
export type InboundCallScenario = (typeof INBOUND_CALL_SCENARIOS)[number];

/** POST /sim/inbound-calls: a call from outside to one of the portal's numbers (mock only). */
export interface SimulateInboundCallRequest {
  to: string;
  from?: string;
  scenario?: InboundCallScenario;
}
