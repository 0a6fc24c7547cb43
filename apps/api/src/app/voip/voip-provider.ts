import type { CallStatus, InboundCallScenario, TelephonyProvider } from '@hh/contracts';

/**
 * The seam where VoIP providers plug in (docs/architecture.md). A provider places calls, hangs them up, sends DTMF
 * digits and reports status changes. The mock reports its status changes as a plan, which VoipService stores with
 * the call (voip/call-plan.repository.ts) and the durable CallEngine plays by asking VoipService what follows each
 * status. A real provider (sip: docs/telephony.md) returns no plan and reports each change as it happens, as
 * ProviderReports applied through CallEngine.applyProviderReports; the engine then only keeps a safety deadline
 * for a call whose reports never come. Nothing outside voip/ reads a plan.
 */
export interface VoipProvider {
  readonly name: TelephonyProvider;
  /** True when the provider plans each call up front (the mock); false when it reports changes as they happen. */
  readonly plansCalls: boolean;
  placeCall(request: PlaceCallRequest): Promise<PlacedCall>;
  hangup(callSid: string): Promise<void>;
  sendDigits(callSid: string, digits: string): Promise<void>;
  /**
   * For a provider whose calls placed through the API are dialled by the user's own softphone (sip): whether the
   * user has one registered now. Absent when the provider dials itself (the mock).
   */
  softphoneOnline?(userId: number): Promise<boolean>;
  /**
   * A call from outside to one of the portal's numbers, played by the provider as `scenario` says (the mock's
   * POST /sim/inbound-calls); absent when calls from outside are real (sip).
   */
  simulateInbound?(scenario: InboundCallScenario): PlacedCall;
}

export const VOIP_PROVIDER = Symbol('VOIP_PROVIDER');

export interface PlaceCallRequest {
  from: string;
  to: string;
  /**
   * The number is a portal user's (the mock rings that user's inbound leg: the call waits for their answer, up to
   * ON_NET_RING_MS of ringing); a provider that routes calls itself (sip) ignores it.
   */
  onNet?: boolean;
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

/**
 * What the provider answers for a new call; the plan is opaque outside voip/ (VoipService stores and plays it).
 * callSid is null when the provider names the call later (sip: the softphone's INVITE brings its Call-ID, bound to
 * the call by the SIP server's authorize request).
 */
export interface PlacedCall {
  callSid: string | null;
  plan: CallPlan | null;
}

/**
 * A status change a provider reports for the call it knows as `callSid`, as of `at`. `ended` is a normal end whose
 * status depends on the call's: completed once answered, canceled before. The engine ignores a report that no longer
 * applies (ringing after the answer, anything after the end).
 */
export interface ProviderReport {
  callSid: string;
  status: Exclude<CallStatus, 'initiated'> | 'ended';
  at: Date;
}

/** The toll-fraud guards on placing calls; only a provider that costs real money sets them (sip). */
export interface TollFraudGuards {
  /** A user's outbound calls in flight (initiated, ringing, in progress) at once. */
  maxConcurrentCalls: number;
  /** ISO 3166 codes of the countries a call may go to. */
  allowedCountries: string[];
  /** What a user's calls started today (UTC) may cost together; at this figure new calls are refused. */
  dailySpendCap: number;
}

/** The kind of call a rate is asked for: placed to the trunk, to another user of the portal, or received. */
export type RatedCall = 'outbound' | 'on_net' | 'inbound';

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

/**
 * Safety deadlines of a provider that reports its own changes (sip): a call placed through the API that no softphone
 * has dialled yet fails after UNDIALLED_DEADLINE_MS; a dialled call that neither rings nor is answered fails
 * RING_DEADLINE_MS after its last change; an answered one completes after MAX_CALL_SECONDS.
 */
export const UNDIALLED_DEADLINE_MS = 30_000;
export const RING_DEADLINE_MS = 60_000;

/** How long a portal user's inbound call rings before it ends no_answer (simulated time in the mock), as sip's 25 s. */
export const ON_NET_RING_MS = 25_000;
