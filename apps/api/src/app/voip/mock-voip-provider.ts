import { randomBytes, randomInt } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InboundCallScenario, TEST_NUMBERS } from '@hh/contracts';
import { CallPlan, ON_NET_RING_MS, PlaceCallRequest, PlacedCall, VoipProvider } from './voip-provider';

/** Random numbers the mock uses; replaceable in specs for deterministic plans. */
export interface Randomness {
  /** A whole number in [min, max]. */
  integer(min: number, max: number): number;
  /** A number in [0, 1). */
  fraction(): number;
}

export const cryptoRandomness: Randomness = {
  integer: (min, max) => randomInt(min, max + 1),
  fraction: () => randomInt(0, 1_000_000) / 1_000_000,
};

const RING_MS = 2000;
/** How long the outside caller of caller_hangs_up_ringing lets it ring. */
const CALLER_GIVES_UP_MS = 8000;

/**
 * A call to a portal user (on-net) or from outside (simulated): it rings, then waits for the callee — answer and
 * decline come through the API — and ends no_answer after ON_NET_RING_MS; once answered it lasts `talkSeconds`
 * (null: until someone hangs up).
 */
function waitingPlan(outcomeMs = ON_NET_RING_MS, talkSeconds: number | null = null): CallPlan {
  return { ringMs: RING_MS, outcome: 'no_answer', outcomeMs, talkSeconds };
}

/**
 * The mock flow: initiated; 2 s later ringing; 3–8 s later in_progress (80 %),
 * no_answer (10 %) or failed (10 %); an answered call completes 30–180 s after it was answered.
 * The test numbers make outcomes deterministic.
 */
@Injectable()
export class MockVoipProvider implements VoipProvider {
  readonly name = 'mock';
  readonly plansCalls = true;
  private readonly logger = new Logger('MockVoipProvider');

  constructor(private readonly random: Randomness = cryptoRandomness) {}

  async placeCall(request: PlaceCallRequest): Promise<PlacedCall> {
    return { callSid: newSid('MOCK'), plan: request.onNet ? waitingPlan() : this.planFor(request.to) };
  }

  /** The callee's leg of a call from outside: its sid ends in ';in' like a sip callee's (there is no caller's leg). */
  simulateInbound(scenario: InboundCallScenario): PlacedCall {
    const plan =
      scenario === 'caller_hangs_up_ringing'
        ? waitingPlan(CALLER_GIVES_UP_MS)
        : scenario === 'caller_hangs_up_after_10s'
          ? waitingPlan(ON_NET_RING_MS, 10)
          : waitingPlan();
    return { callSid: `${newSid('SIM')};in`, plan };
  }

  planFor(to: string): CallPlan {
    switch (to) {
      case TEST_NUMBERS.fails:
        return { ringMs: RING_MS, outcome: 'failed', outcomeMs: 3000, talkSeconds: null };
      case TEST_NUMBERS.busy:
        return { ringMs: RING_MS, outcome: 'busy', outcomeMs: 3000, talkSeconds: null };
      case TEST_NUMBERS.noAnswer:
        return { ringMs: RING_MS, outcome: 'no_answer', outcomeMs: 8000, talkSeconds: null };
      case TEST_NUMBERS.answeredThirtySeconds:
        return { ringMs: RING_MS, outcome: 'in_progress', outcomeMs: 3000, talkSeconds: 30 };
      case TEST_NUMBERS.answeredUntilHangup:
        return { ringMs: RING_MS, outcome: 'in_progress', outcomeMs: 3000, talkSeconds: null };
    }
    const roll = this.random.fraction();
    const outcome = roll < 0.8 ? 'in_progress' : roll < 0.9 ? 'no_answer' : 'failed';
    return {
      ringMs: RING_MS,
      outcome,
      outcomeMs: this.random.integer(3000, 8000),
      talkSeconds: outcome === 'in_progress' ? this.random.integer(30, 180) : null,
    };
  }

  async hangup(): Promise<void> {
    // The mock has no media leg to tear down: the engine records the hang-up.
  }

  async sendDigits(callSid: string, digits: string): Promise<void> {
    // Digits are often PINs and card or account numbers: only their count is logged.
    this.logger.debug(`DTMF: ${digits.length} digit(s) on ${callSid}`);
  }
}

function newSid(prefix: string): string {
  return `${prefix}${randomBytes(16).toString('hex')}`;
}
