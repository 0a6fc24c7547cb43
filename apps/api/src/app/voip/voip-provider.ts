import type { CallStatus } from '@hh/contracts';

/**
 * The seam where real VoIP providers plug in (docs/architecture.md). A provider places calls, hangs them up, sends DTMF
 * digits and reports status changes. The mock reports its status changes as a plan, which VoipService stores with
 * the call (voip/call-plan.repository.ts) and the durable CallEngine plays by asking VoipService what follows each
 * status; a real provider would report them through CallEngine.applyProviderStatus from its webhook instead, and
 * return no plan. Nothing outside voip/ reads a plan.
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

/** What the provider answers for a new call; the plan is opaque outside voip/ (VoipService stores and plays it). */
export interface PlacedCall {
  callSid: string;
  plan: CallPlan | null;
}

/** A status a call is scheduled to reach on its own (never initiated, nor canceled, which only a hang-up makes). */
export type ScheduledStatus = Exclude<CallStatus, 'initiated' | 'canceled'>;

/** The transition due next, and when (real time). */
export interface NextTransition {
  status: ScheduledStatus;
  at: Date;
}

/** A call locked in the caller's transaction, reaching `status` at `at`. */
export interface ProgressStep {
  callId: number;
  status: CallStatus;
  at: Date;
  /** When it was answered (this step's `at` when status is in_progress); null when never. */
  answeredAt: Date | null;
  /** The engine plays the schedule; anything else (a hang-up) ends the call early. */
  byEngine: boolean;
}

/** What follows a step: the next transition (null when none is scheduled) and, for a completion, its talk time. */
export interface Progress {
  next: NextTransition | null;
  /** Answered seconds of a call that completes at this step; 0 otherwise. */
  durationSeconds: number;
}

/** A call left in progress is completed after 4 hours (test number 5 stays in progress until then). */
export const MAX_CALL_SECONDS = 4 * 3600;
