import type { CallStatus } from '@hh/contracts';

/**
 * The seam where real VoIP providers plug in (docs/architecture.md). A provider places calls, hangs them up, sends DTMF
 * digits and reports status changes. The mock reports its status changes as a plan stored with the call and
 * played by the durable CallEngine; a real provider would report them through CallEngine.applyProviderStatus
 * from its webhook instead, and return no plan.
 */
export interface VoipProvider {
  readonly name: string;
  placeCall(request: PlaceCallRequest): Promise<PlacedCall>;
  hangup(callSid: string): Promise<void>;
  sendDigits(callSid: string, digits: string): Promise<void>;
}

export const VOIP_PROVIDER = Symbol('VOIP_PROVIDER');

export interface PlaceCallRequest {
  from: string;
  to: string;
}

export type PlannedOutcome = Extract<CallStatus, 'in_progress' | 'failed' | 'busy' | 'no_answer'>;

/** The simulated life of a call, in simulated time (VOIP_MOCK_SPEED divides it into real time). */
export interface CallPlan {
  ringMs: number;
  outcome: PlannedOutcome;
  outcomeMs: number;
  /** Answered seconds until completed; null = until hung up (bounded by MAX_CALL_SECONDS). */
  talkSeconds: number | null;
}

export interface PlacedCall {
  callSid: string;
  plan: CallPlan | null;
}

/** A call left in progress is completed after 4 hours (test number 5 stays in progress until then). */
export const MAX_CALL_SECONDS = 4 * 3600;
