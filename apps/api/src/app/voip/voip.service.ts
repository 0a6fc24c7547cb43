import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { InboundCallScenario, TelephonyProvider } from '@hh/contracts';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { conflict, ProblemException } from '../../common/errors/problem.exception';
import { CallPlanRepository } from './call-plan.repository';
import { answeredSeconds, nextTransition } from './call-plan';
import {
  CallPlan,
  MAX_CALL_SECONDS,
  NextTransition,
  PlaceCallRequest,
  PlacedCall,
  Progress,
  ProgressStep,
  RatedCall,
  RING_DEADLINE_MS,
  TollFraudGuards,
  UNDIALLED_DEADLINE_MS,
  VOIP_PROVIDER,
  VoipProvider,
} from './voip-provider';

/**
 * What the calls feature asks of telephony: place, hang up, send digits, the price and the guards of a new call, and
 * when each call moves on — by its plan for a provider that plans its calls (the mock), by a safety deadline for one
 * that reports its own changes (sip). Plans are stored and read here, set-based, so the engine's batches stay a
 * handful of statements (docs/benchmarks.md).
 */
@Injectable()
export class VoipService {
  constructor(
    @Inject(VOIP_PROVIDER) private readonly provider: VoipProvider,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly plans: CallPlanRepository,
  ) {}

  get providerName(): TelephonyProvider {
    return this.provider.name;
  }

  /** The price per started minute locked into a new call: the trunk's (or the mock's); on-net and inbound are free. */
  ratePerMinute(kind: RatedCall): number {
    if (kind !== 'outbound') return 0;
    return this.config.voip.sip ? this.config.voip.sip.ratePerMinute : this.config.voip.mockRatePerMinute;
  }

  /** The toll-fraud guards on placing calls; null when calls cost no real money (the mock). */
  tollFraudGuards(): TollFraudGuards | null {
    const sip = this.config.voip.sip;
    if (!sip) return null;
    return {
      maxConcurrentCalls: sip.maxConcurrentCalls,
      allowedCountries: sip.allowedCountries,
      dailySpendCap: sip.dailySpendCap,
    };
  }

  /**
   * True when the provider connects calls between the portal's own users itself (sip: a call to a number a user
   * holds rings that user's softphones, free of charge, and the callee gets a row of their own).
   */
  get connectsOnNet(): boolean {
    return Boolean(this.config.voip.sip);
  }

  /** True when a call placed through the API is dialled by one of the user's own softphones (sip). */
  get dialsThroughSoftphone(): boolean {
    return typeof this.provider.softphoneOnline === 'function';
  }

  /** 409 unless the user has a softphone online to dial a call placed through the API (nothing to check otherwise). */
  async assertSoftphoneOnline(userId: number): Promise<void> {
    if (!this.provider.softphoneOnline || (await this.provider.softphoneOnline(userId))) return;
    throw conflict(
      'No softphone is online for this account: open the dialer in a browser to place calls with an API key',
    );
  }

  placeCall(request: PlaceCallRequest): Promise<PlacedCall> {
    return this.provider.placeCall(request);
  }

  /**
   * True when the provider plays calls between the portal's users itself (the mock): placing a call to a user's
   * number creates the callee's leg too, and both legs move together (answer, decline, hang-up, the ring timeout).
   */
  get playsOnNetCalls(): boolean {
    return this.provider.plansCalls;
  }

  /** True when calls from outside can be simulated (the mock's POST /sim/inbound-calls). */
  get simulatesInbound(): boolean {
    return typeof this.provider.simulateInbound === 'function';
  }

  /** The callee's leg of a simulated call from outside; 404 with a provider that takes real calls. */
  simulateInbound(scenario: InboundCallScenario): PlacedCall {
    if (!this.provider.simulateInbound) {
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'Simulated calls exist only with the mock provider (VOIP_PROVIDER=mock)',
      );
    }
    return this.provider.simulateInbound(scenario);
  }

  hangup(callSid: string): Promise<void> {
    return this.provider.hangup(callSid);
  }

  sendDigits(callSid: string, digits: string): Promise<void> {
    return this.provider.sendDigits(callSid, digits);
  }

  /**
   * The first transition of a call placed (or dialled) at `at`, before its row exists: by its plan; for a provider
   * that reports its own changes, the safety deadline — failed after 30 s while no softphone has dialled it (no sid
   * yet), after 60 s once dialled. Null for a planless call of a planning provider.
   */
  firstTransition(placed: PlacedCall, at: Date): NextTransition | null {
    if (placed.plan) return nextTransition('initiated', placed.plan, at, this.config.voip.mockSpeed);
    if (this.provider.plansCalls) return null;
    const deadline = placed.callSid === null ? UNDIALLED_DEADLINE_MS : RING_DEADLINE_MS;
    return { status: 'failed', at: new Date(at.getTime() + deadline) };
  }

  /** Keeps what the provider needs to play the call later, in the transaction that inserted it. */
  async remember(callId: number, placed: PlacedCall, manager: EntityManager): Promise<void> {
    if (placed.plan) await this.plans.save(callId, placed.plan, manager);
  }

  /**
   * For each step (calls locked by the caller's transaction), what follows it and, for a completion, the answered
   * seconds: the planned talk time when the engine plays it, the real time (scaled, capped by the plan) when the
   * call is hung up. One read of the plans for the whole batch.
   */
  async progress(steps: ProgressStep[], manager: EntityManager): Promise<Progress[]> {
    if (steps.length === 0) return [];
    const speed = this.config.voip.mockSpeed;
    const plans = await this.plans.findMany([...new Set(steps.map((step) => step.callId))], manager);
    return steps.map((step) => {
      const stored = plans.get(step.callId);
      // Without a plan, a provider that reports its own changes is waited for until a safety deadline; a planning
      // provider's planless call fails at once, as it always did.
      if (!stored && !this.provider.plansCalls) return safetyProgress(step);
      const plan: CallPlan = stored ?? { ringMs: 0, outcome: 'failed', outcomeMs: 0, talkSeconds: null };
      if (step.status !== 'completed')
        return { next: nextTransition(step.status, plan, step.at, speed), durationSeconds: 0 };
      const durationSeconds = !step.answeredAt
        ? 0
        : step.byEngine
          ? (plan.talkSeconds ?? MAX_CALL_SECONDS)
          : answeredSeconds(step.answeredAt, step.at, speed, plan.talkSeconds);
      return { next: null, durationSeconds };
    });
  }
}

/**
 * What follows a step of a call its provider reports on (no plan): the safety deadline that ends it if the reports
 * never come (RING_DEADLINE_MS after initiated/ringing, MAX_CALL_SECONDS after the answer); a completion lasts the
 * real answered seconds.
 */
export function safetyProgress(step: ProgressStep): Progress {
  const after = (ms: number) => new Date(step.at.getTime() + ms);
  switch (step.status) {
    case 'initiated':
    case 'ringing':
      return { next: { status: 'failed', at: after(RING_DEADLINE_MS) }, durationSeconds: 0 };
    case 'in_progress':
      return { next: { status: 'completed', at: after(MAX_CALL_SECONDS * 1000) }, durationSeconds: 0 };
    case 'completed': {
      const answered = step.answeredAt?.getTime();
      const seconds = answered === undefined ? 0 : Math.round((step.at.getTime() - answered) / 1000);
      return { next: null, durationSeconds: Math.min(Math.max(0, seconds), MAX_CALL_SECONDS) };
    }
    default:
      return { next: null, durationSeconds: 0 };
  }
}
