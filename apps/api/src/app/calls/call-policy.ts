import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { CallDirection, canUseTelephony, toE164, type UserStatus } from '@hh/contracts';
import { Clock } from '../../common/clock';
import { ProblemException, type ProblemOptions } from '../../common/errors/problem.exception';
import { roundMoney } from '../../common/money';
import { AttemptLimiter } from '../../common/rate-limit/attempt-limiter';
import { NumbersService } from '../numbers/numbers.service';
import { UsersService } from '../users/users.service';
import type { TollFraudGuards } from '../voip/voip-provider';
import { VoipService } from '../voip/voip.service';
import { CallRepository } from './call.repository';

/** Why the policy refused a call: POST /calls answers the problem, the SIP server a SIP code (docs/telephony.md). */
export type CallRefusalKind =
  | 'account'
  | 'no_number'
  | 'caller_id'
  | 'destination'
  | 'country'
  | 'rate'
  | 'concurrent'
  | 'spend'
  | 'unknown_call';

/** A call the policy refuses: the HTTP problem POST /calls answers, and its kind for the SIP server's answer. */
export class CallRefused extends ProblemException {
  constructor(
    readonly kind: CallRefusalKind,
    status: number,
    detail: string,
    options: ProblemOptions = {},
  ) {
    super(status, detail, options);
  }
}

/** The ISO 3166 country of an E.164 number by libphonenumber's metadata (+1 876… is JM, not US); null if none. */
export function countryOf(e164: string): string | null {
  return parsePhoneNumberFromString(e164)?.country ?? null;
}

/** The first instant of the UTC day of `at`: the daily spend cap counts the calls started since. */
export function startOfUtcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/**
 * Who may place which call: the one policy of POST /calls and of the calls a softphone dials on its own (the SIP
 * server's authorize request). The account must be active; the caller ID one of the user's assigned numbers; the
 * destination a dialable number; RATE_LIMITS.calls per user; and, when the provider sets them (sip), the toll-fraud
 * guards: allowed destination countries, calls in flight at once, and the day's spend.
 */
@Injectable()
export class CallPolicy {
  constructor(
    private readonly clock: Clock,
    private readonly calls: CallRepository,
    private readonly numbers: NumbersService,
    private readonly users: UsersService,
    private readonly voip: VoipService,
    private readonly attempts: AttemptLimiter,
  ) {}

  assertMayCall(status: UserStatus): void {
    if (canUseTelephony(status)) return;
    throw new CallRefused(
      'account',
      HttpStatus.FORBIDDEN,
      status === 'pending'
        ? 'Your account is awaiting approval; calls unlock once an admin approves it'
        : 'Your account is suspended',
    );
  }

  /** The destination in E.164; 400 on toNumber when it is not a real, dialable number. */
  destination(raw: string): string {
    const e164 = toE164(raw);
    if (e164) return e164;
    const message = 'is not a valid, dialable phone number';
    throw new CallRefused('destination', HttpStatus.BAD_REQUEST, `toNumber ${message}`, {
      errors: [{ field: 'toNumber', message }],
    });
  }

  /** The caller ID: one of the user's assigned numbers (their first by default); none at all is a 409. */
  async callerId(userId: number, requested: string | undefined): Promise<string> {
    const numbers = (await this.numbers.ofOwner(userId)).filter((n) => n.status === 'assigned');
    if (numbers.length === 0) {
      throw new CallRefused(
        'no_number',
        HttpStatus.CONFLICT,
        'You have no phone number yet: request one, and place calls once it is assigned',
      );
    }
    if (requested === undefined) return numbers[0]?.phoneNumber ?? '';
    const wanted = toE164(requested);
    if (!wanted || !numbers.some((n) => n.phoneNumber === wanted)) {
      const message = 'is not one of your assigned numbers';
      throw new CallRefused('caller_id', HttpStatus.BAD_REQUEST, `fromNumber ${message}`, {
        errors: [{ field: 'fromNumber', message }],
      });
    }
    return wanted;
  }

  /** The toll-fraud guards in force (null with the mock, whose calls cost no real money). */
  guards(): TollFraudGuards | null {
    return this.voip.tollFraudGuards();
  }

  /** 403 when the guards allow no call to the destination's country. */
  assertCountry(toNumber: string, guards: TollFraudGuards | null = this.guards()): void {
    if (!guards) return;
    const country = countryOf(toNumber);
    if (country && guards.allowedCountries.includes(country)) return;
    throw new CallRefused(
      'country',
      HttpStatus.FORBIDDEN,
      `Calls to ${country ?? 'this destination'} are not allowed on this server (allowed: ${guards.allowedCountries.join(', ')})`,
    );
  }

  /**
   * Counts a call that did not come through POST /calls (whose RateLimitGuard counts it already) against the same
   * per-user `calls` limit; past it, 429.
   */
  async consumeCallAttempt(userId: number): Promise<void> {
    try {
      await this.attempts.consume('calls', { userId });
    } catch (error) {
      if (!(error instanceof ProblemException)) throw error;
      throw new CallRefused('rate', error.getStatus(), error.detail, error.problem);
    }
  }

  /**
   * The guards that read the user's calls, in the transaction that will insert the new one: the user's row is locked
   * first, so two calls of one user are checked one after the other and cannot both pass the last free slot.
   */
  async enforceInTransaction(userId: number, manager: EntityManager, guards = this.guards()): Promise<void> {
    if (!guards) return;
    await this.users.lock(userId, 'write', manager);
    const open = await this.calls.countOpenOutbound(userId, manager);
    if (open >= guards.maxConcurrentCalls) {
      throw new CallRefused(
        'concurrent',
        HttpStatus.CONFLICT,
        `You already have ${open} calls in progress, the most at once on this server; end one to place another`,
      );
    }
    const spent = roundMoney(await this.calls.costSince(userId, startOfUtcDay(this.clock.now()), manager));
    if (spent >= guards.dailySpendCap) {
      throw new CallRefused(
        'spend',
        HttpStatus.CONFLICT,
        `Today's calls have cost ${spent.toFixed(2)}, the daily cap on this server (${guards.dailySpendCap.toFixed(2)}); calls resume tomorrow (UTC)`,
      );
    }
  }

  /**
   * Whether a new call is recorded: asked for (POST /calls record: true), or its number records calls (the caller
   * ID of an outbound call, the called number of an inbound one).
   */
  async recorded(
    call: { direction: CallDirection; fromNumber: string; toNumber: string },
    requested: boolean,
    manager?: EntityManager,
  ): Promise<boolean> {
    if (requested) return true;
    return this.numbers.recordsCalls(call.direction === 'inbound' ? call.toNumber : call.fromNumber, manager);
  }

  /** The active user who holds the number, when it is one of the portal's (an on-net call rings them); else null. */
  async onNetOwner(e164: string, manager?: EntityManager): Promise<number | null> {
    const ownerId = await this.numbers.assignedOwnerOf(e164, manager);
    if (ownerId === null) return null;
    const owner = await this.users.findById(ownerId);
    return owner?.status === 'active' ? owner.id : null;
  }
}
