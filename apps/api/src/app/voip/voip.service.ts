import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { CallPlanRepository } from './call-plan.repository';
import { answeredSeconds, nextTransition } from './call-plan';
import {
  MAX_CALL_SECONDS,
  NextTransition,
  PlaceCallRequest,
  PlacedCall,
  Progress,
  ProgressStep,
  VOIP_PROVIDER,
  VoipProvider,
} from './voip-provider';

/**
 * What the calls feature asks of telephony: place, hang up, send digits, and — for a provider that plans its calls
 * (the mock) — when each call moves on. Plans are stored and read here, set-based, so the engine's batches stay a
 * handful of statements (docs/benchmarks.md).
 */
@Injectable()
export class VoipService {
  constructor(
    @Inject(VOIP_PROVIDER) private readonly provider: VoipProvider,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly plans: CallPlanRepository,
  ) {}

  get providerName(): string {
    return this.provider.name;
  }

  placeCall(request: PlaceCallRequest): Promise<PlacedCall> {
    return this.provider.placeCall(request);
  }

  hangup(callSid: string): Promise<void> {
    return this.provider.hangup(callSid);
  }

  sendDigits(callSid: string, digits: string): Promise<void> {
    return this.provider.sendDigits(callSid, digits);
  }

  /** The first transition of a call placed at `at` (before its row exists); null when the provider reports them. */
  firstTransition(placed: PlacedCall, at: Date): NextTransition | null {
    return placed.plan ? nextTransition('initiated', placed.plan, at, this.config.voip.mockSpeed) : null;
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
      const plan = plans.get(step.callId) ?? { ringMs: 0, outcome: 'failed', outcomeMs: 0, talkSeconds: null };
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
