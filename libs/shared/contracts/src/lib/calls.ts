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
 * only) carries a Call placed through the API for the user's softphone to dial (docs/telephony.md).
 */
export const REALTIME_EVENTS = {
  callUpdated: 'call.updated',
  callDial: 'call.dial',
  numberRequestUpdated: 'number-request.updated',
  activityCreated: 'activity.created',
} as const;

/** The hang-up transitions a caller may ask for (PATCH /calls/:id). */
export const HANGUP_TRANSITIONS: Partial<Record<CallStatus, CallStatus>> = {
  initiated: 'canceled',
  ringing: 'canceled',
  in_progress: 'completed',
};
