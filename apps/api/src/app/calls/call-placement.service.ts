import { createHash } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  CallDirection,
  CallStatus,
  HANGUP_TRANSITIONS,
  InboundCallScenario,
  REALTIME_EVENTS,
  TEST_NUMBERS,
  toE164,
  type UserStatus,
} from '@hh/contracts';
import { randomInt } from 'node:crypto';
import { Clock } from '../../common/clock';
import type { AuditContext } from '../../common/audit/audit-context';
import { withDeadlockRetry } from '../../common/database/deadlock-retry';
import { isDuplicateEntry } from '../../common/errors/database-errors';
import { badRequest, conflict, fieldError, notFound, ProblemException } from '../../common/errors/problem.exception';
import type { ClientContext } from '../../common/http/client-context';
import { ActivityService } from '../activity/activity.service';
import { RealtimeBus } from '../realtime/realtime-bus';
import type { NextTransition, PlacedCall } from '../voip/voip-provider';
import { VoipService } from '../voip/voip.service';
import { CallEngine } from './call-engine';
import type { CallEventSource } from './call-event.entity';
import { CALLEE_LEG_SUFFIX, hangupStatus, isFinal } from './call-lifecycle';
import { CallPolicy, CallRefused } from './call-policy';
import { CallEntity } from './call.entity';
import { CallRepository } from './call.repository';
import { PlaceCallDto, UpdateCallDto } from './dto/call-requests.dto';
import { CallDto, toCallDto } from './dto/call.dto';
import { IdempotencyKeyRepository } from './idempotency-key.repository';

const IDEMPOTENCY_WINDOW_MS = 24 * 3600 * 1000;
const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** calls.from_number holds 20 characters; a trunk caller's number is kept as given when it is not E.164. */
const RAW_NUMBER_MAX_LENGTH = 20;
const TEST_NUMBER_SET: ReadonlySet<string> = new Set(Object.values(TEST_NUMBERS));
/** Area codes of the default caller of a simulated inbound call (+1 <area> 555-01xx: numbers reserved for fiction). */
const OUTSIDE_AREAS = ['212', '312', '415', '617', '713', '206'];

/** POST /sim/inbound-calls, as the sim feature passes it on. */
export interface SimulatedInboundRequest {
  to: string;
  from?: string;
  scenario?: InboundCallScenario;
}

export interface PlacedCallResult {
  call: CallDto;
  replayed: boolean;
}

/**
 * The rows of one provider dialog: the caller's leg (placed by a user) and the callee's (a user of the portal
 * receiving it: on-net, or from the trunk). Either may be absent.
 */
export interface ProviderLegs {
  caller: CallDto | null;
  callee: CallDto | null;
}

/** A call a user's softphone dials on its own, as the SIP server reports it before routing it. */
export interface ProviderCallRequest {
  userId: number;
  status: UserStatus;
  /** The dialled number as the softphone sent it. */
  toNumber: string;
  /** The requested caller ID; undefined for the user's default number. */
  callerId: string | undefined;
  /** The sids the caller's and the callee's rows get (the SIP Call-ID, and the Call-ID + ';in'). */
  callerSid: string;
  calleeSid: string;
  client: ClientContext;
}

/** A call placed through POST /calls that a softphone now dials, as the SIP server reports it. */
export interface ProviderBindRequest {
  userId: number;
  status: UserStatus;
  callId: number;
  toNumber: string;
  callerSid: string;
  calleeSid: string;
  client: ClientContext;
}

/** A call arriving from the trunk for one of the portal's numbers. */
export interface ProviderInboundRequest {
  fromNumber: string;
  calledNumber: string;
  calleeSid: string;
  client: ClientContext;
}

interface NewCallRow {
  userId: number;
  fromNumber: string;
  toNumber: string;
  direction: CallDirection;
  callSid: string | null;
  ratePerMinute: number;
  notes: string | null;
  startTime: Date;
  next: NextTransition | null;
  /** POST /calls asked for a recording. */
  record?: boolean;
}

/**
 * Placing a call (who may call, from which number, once per Idempotency-Key: the rules are CallPolicy's), the calls a
 * provider reports before it connects them (a softphone's own INVITE, the INVITE of a call placed here, a call from
 * the trunk), and what its caller does to a call while it lasts: hang up, edit notes, send digits. Another user's
 * call is a 404, never a 403.
 */
@Injectable()
export class CallPlacementService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calls: CallRepository,
    private readonly keys: IdempotencyKeyRepository,
    private readonly voip: VoipService,
    private readonly engine: CallEngine,
    private readonly activity: ActivityService,
    private readonly policy: CallPolicy,
    private readonly bus: RealtimeBus,
  ) {}

  async place(audit: AuditContext, dto: PlaceCallDto, idempotencyKey: string | undefined): Promise<PlacedCallResult> {
    const { actor } = audit;
    this.policy.assertMayCall(actor.status);
    const toNumber = this.policy.destination(dto.toNumber);
    const fromNumber = await this.policy.callerId(actor.userId, dto.fromNumber);
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
      throw badRequest('Idempotency-Key must be 1–255 printable ASCII characters');
    }
    const guards = this.policy.guards();
    this.policy.assertCountry(toNumber, guards);
    // With real calls the user's softphone dials: the dialer itself is one, but a key's caller needs one online.
    const dialledBySoftphone = this.voip.dialsThroughSoftphone && actor.via === 'api-key';
    // Asked only for a new call (a replayed Idempotency-Key answers its call whether a softphone is online or not),
    // and once, like the provider below.
    let softphoneOnline: Promise<void> | undefined;

    // Asked once: a transaction retried after a deadlock reuses the provider's call rather than dialling again.
    let placing: Promise<PlacedCall> | undefined;
    const create = async (em: EntityManager): Promise<CallEntity> => {
      if (dialledBySoftphone) await (softphoneOnline ??= this.voip.assertSoftphoneOnline(actor.userId));
      await this.policy.enforceInTransaction(actor.userId, em, guards);
      // The mock plays calls to a portal user's number (never a test number) with both legs; sip only prices them.
      const playsOnNet = this.voip.playsOnNetCalls && !TEST_NUMBER_SET.has(toNumber);
      const calleeId = this.voip.connectsOnNet || playsOnNet ? await this.policy.onNetOwner(toNumber, em) : null;
      const onNet = calleeId !== null;
      placing ??= this.voip.placeCall({ from: fromNumber, to: toNumber, onNet: playsOnNet && onNet });
      const placed = await placing;
      const now = this.clock.now();
      const call = await this.insertInitiated(
        em,
        {
          userId: actor.userId,
          fromNumber,
          toNumber,
          direction: 'outbound',
          callSid: placed.callSid,
          ratePerMinute: this.voip.ratePerMinute(onNet ? 'on_net' : 'outbound'),
          notes: dto.notes?.trim() || null,
          record: dto.record === true,
          startTime: now,
          next: this.voip.firstTransition(placed, now),
        },
        'api',
      );
      await this.voip.remember(call.id, placed, em);
      await this.activity.record(
        { action: 'call_initiated', audit, entityType: 'call', entityId: call.id, details: { fromNumber, toNumber } },
        em,
      );
      calleeLeg = undefined;
      if (playsOnNet && calleeId !== null && placed.callSid && placed.plan) {
        // The callee's leg follows the caller's (which holds the plan and the schedule): no schedule of its own.
        calleeLeg = await this.insertInitiated(
          em,
          {
            userId: calleeId,
            fromNumber,
            toNumber,
            direction: 'inbound',
            callSid: `${placed.callSid}${CALLEE_LEG_SUFFIX}`,
            ratePerMinute: this.voip.ratePerMinute('inbound'),
            notes: null,
            startTime: now,
            next: null,
          },
          'api',
        );
        await this.recordInitiated([calleeLeg], audit.client, em);
      }
      return call;
    };
    let calleeLeg: CallEntity | undefined;

    let result: { call: CallEntity; replayed: boolean };
    if (idempotencyKey === undefined) {
      // InnoDB may pick this insert as a deadlock victim against the engine's batch: retry, never a 500.
      result = { call: await withDeadlockRetry(() => this.dataSource.transaction(create)), replayed: false };
    } else {
      const requestHash = createHash('sha256')
        // record: true is part of the request (absent, the hash is what it was before recordings existed).
        .update(JSON.stringify([toNumber, fromNumber, dto.notes ?? null, ...(dto.record ? [true] : [])]))
        .digest('hex');
      result = await withDeadlockRetry(() => this.placeOnce(actor.userId, idempotencyKey, requestHash, create));
    }
    if (!result.replayed) {
      this.engine.publish(calleeLeg ? [result.call, calleeLeg] : [result.call]);
      // The user's softphones hear of the call to dial (the first one online places it with X-HH-Call-Id).
      if (dialledBySoftphone) {
        this.bus.publish({
          event: REALTIME_EVENTS.callDial,
          data: toCallDto(result.call),
          audience: { userId: result.call.userId },
        });
      }
    }
    return { call: toCallDto(result.call), replayed: result.replayed };
  }

  /**
   * The same Idempotency-Key from the same user within 24 h returns the first call. The key's row is locked for
   * the whole transaction, so concurrent identical requests queue behind the first and then find its call.
   */
  private async placeOnce(
    userId: number,
    key: string,
    requestHash: string,
    create: (em: EntityManager) => Promise<CallEntity>,
  ): Promise<{ call: CallEntity; replayed: boolean }> {
    await this.keys.reserve(userId, key, requestHash, this.clock.now());
    return this.dataSource.transaction(async (em) => {
      const row = await this.keys.lock(userId, key, em);
      const now = this.clock.now();
      if (!row || now.getTime() - row.createdAt.getTime() > IDEMPOTENCY_WINDOW_MS) {
        await this.keys.restart(userId, key, requestHash, now, em);
      } else if (row.callId === null) {
        // An earlier request with this key made no call (it failed): the key is still free for this one.
        if (row.requestHash !== requestHash) await this.keys.update(userId, key, { requestHash }, em);
      } else {
        if (row.requestHash !== requestHash) {
          throw conflict('This Idempotency-Key was already used with a different request; use a new key');
        }
        const existing = await this.calls.findById(row.callId, em);
        if (existing) return { call: existing, replayed: true };
      }
      const call = await create(em);
      await this.keys.update(userId, key, { callId: call.id }, em);
      return { call, replayed: false };
    });
  }

  /**
   * The rows a provider dialog already has, by its sids (a retransmitted request answers from them; a call from the
   * trunk has no caller's sid); `final` when the leading leg (the caller's, else the callee's) has ended.
   */
  async legsOf(callerSid: string | null, calleeSid: string): Promise<ProviderLegs & { final: boolean }> {
    const rows = await this.calls.findBySids(callerSid === null ? [calleeSid] : [callerSid, calleeSid]);
    const caller = rows.find((row) => row.callSid === callerSid) ?? null;
    const callee = rows.find((row) => row.callSid === calleeSid) ?? null;
    const leading = caller ?? callee;
    return {
      caller: caller && toCallDto(caller),
      callee: callee && toCallDto(callee),
      final: leading !== null && isFinal(leading.status),
    };
  }

  /**
   * A call a user's softphone dials on its own: POST /calls' policy (account, caller ID, destination, the `calls`
   * limit, the toll-fraud guards), then the caller's row and, when the number is a portal user's (on-net), the
   * callee's, in one transaction. Refusals are CallRefused.
   */
  async placeForProvider(request: ProviderCallRequest): Promise<ProviderLegs> {
    const { userId } = request;
    this.policy.assertMayCall(request.status);
    const toNumber = this.policy.destination(request.toNumber);
    const fromNumber = await this.policy.callerId(userId, request.callerId);
    const guards = this.policy.guards();
    this.policy.assertCountry(toNumber, guards);
    await this.policy.consumeCallAttempt(userId);
    const calleeId = await this.policy.onNetOwner(toNumber);
    return this.writeLegs(request.callerSid, request.calleeSid, async (em) => {
      await this.policy.enforceInTransaction(userId, em, guards);
      const now = this.clock.now();
      const row = { fromNumber, toNumber, notes: null, startTime: now };
      const caller = await this.insertInitiated(
        em,
        {
          ...row,
          userId,
          direction: 'outbound',
          callSid: request.callerSid,
          ratePerMinute: this.voip.ratePerMinute(calleeId === null ? 'outbound' : 'on_net'),
          next: this.voip.firstTransition({ callSid: request.callerSid, plan: null }, now),
        },
        'provider',
      );
      await this.recordInitiated([caller], request.client, em);
      if (calleeId === null) return [caller];
      const callee = await this.insertCallee(em, { ...row, userId: calleeId, callSid: request.calleeSid });
      await this.recordInitiated([callee], request.client, em);
      return [caller, callee];
    });
  }

  /**
   * The INVITE of a call placed through POST /calls (X-HH-Call-Id): the call must be the user's, still `initiated`
   * and not dialled yet, to the same number; it takes the dialog's sid and its safety deadline restarts; on-net, the
   * callee's row is created with it. Anything else is a 404 (CallRefused 'unknown_call').
   */
  async bindForProvider(request: ProviderBindRequest): Promise<ProviderLegs> {
    this.policy.assertMayCall(request.status);
    const dialled = toE164(request.toNumber);
    return this.writeLegs(request.callerSid, request.calleeSid, async (em) => {
      const call = await this.calls.findOwn(request.userId, request.callId, { lock: true, manager: em });
      if (
        !call ||
        call.status !== 'initiated' ||
        call.callSid !== null ||
        call.direction !== 'outbound' ||
        call.toNumber !== dialled
      ) {
        throw new CallRefused('unknown_call', 404, 'Call not found');
      }
      const now = this.clock.now();
      const calleeId = await this.policy.onNetOwner(call.toNumber, em);
      const next = this.voip.firstTransition({ callSid: request.callerSid, plan: null }, now);
      call.callSid = request.callerSid;
      call.ratePerMinute = this.voip.ratePerMinute(calleeId === null ? 'outbound' : 'on_net');
      call.nextStatus = next?.status ?? null;
      call.nextTransitionAt = next?.at ?? null;
      await this.calls.bindSid(call, em);
      if (calleeId === null) return [call];
      const callee = await this.insertCallee(em, {
        userId: calleeId,
        fromNumber: call.fromNumber,
        toNumber: call.toNumber,
        notes: null,
        startTime: now,
        callSid: request.calleeSid,
      });
      await this.recordInitiated([callee], request.client, em);
      return [call, callee];
    });
  }

  /**
   * A call from the trunk to one of the portal's numbers: the callee's row, for the number's owner, who must be an
   * active user (else CallRefused 'unknown_call'). The caller's number is kept as given when it is not a real one.
   */
  async receiveForProvider(request: ProviderInboundRequest): Promise<ProviderLegs> {
    const called = toE164(request.calledNumber);
    const ownerId = called === null ? null : await this.policy.onNetOwner(called);
    if (called === null || ownerId === null) throw new CallRefused('unknown_call', 404, 'Not a number of this portal');
    const raw = request.fromNumber.trim();
    const fromNumber = toE164(raw) ?? (raw.length > 0 && raw.length <= RAW_NUMBER_MAX_LENGTH ? raw : 'unknown');
    return this.writeLegs(null, request.calleeSid, async (em) => {
      const row = await this.insertCallee(em, {
        userId: ownerId,
        fromNumber,
        toNumber: called,
        notes: null,
        startTime: this.clock.now(),
        callSid: request.calleeSid,
      });
      await this.recordInitiated([row], request.client, em);
      return [row];
    });
  }

  /**
   * Writes a provider dialog's rows in one transaction (retried when InnoDB picks it as a deadlock victim) and
   * publishes them. The same INVITE authorized twice at once meets the other request's rows on the unique sid:
   * it answers with those.
   */
  private async writeLegs(
    callerSid: string | null,
    calleeSid: string,
    write: (em: EntityManager) => Promise<CallEntity[]>,
  ): Promise<ProviderLegs> {
    let legs: CallEntity[];
    try {
      legs = await withDeadlockRetry(() => this.dataSource.transaction(write));
    } catch (error) {
      if (isDuplicateEntry(error)) return this.legsOf(callerSid, calleeSid);
      throw error;
    }
    this.engine.publish(legs);
    const caller = legs.find((leg) => leg.callSid === callerSid) ?? null;
    const callee = legs.find((leg) => leg.callSid === calleeSid) ?? null;
    return { caller: caller && toCallDto(caller), callee: callee && toCallDto(callee) };
  }

  /** The callee's leg: inbound, free, initiated, with the safety deadline of a dialled call. */
  private insertCallee(
    em: EntityManager,
    row: Pick<NewCallRow, 'userId' | 'fromNumber' | 'toNumber' | 'notes' | 'startTime'> & { callSid: string },
  ): Promise<CallEntity> {
    return this.insertInitiated(
      em,
      {
        ...row,
        direction: 'inbound',
        ratePerMinute: this.voip.ratePerMinute('inbound'),
        next: this.voip.firstTransition({ callSid: row.callSid, plan: null }, row.startTime),
      },
      'provider',
    );
  }

  /** Inserts a call `initiated` with its first timeline event; its activity row is the caller's to write. */
  private async insertInitiated(em: EntityManager, row: NewCallRow, source: CallEventSource): Promise<CallEntity> {
    // The mock tells the parties of every recorded call.
    const recorded = await this.policy.recorded(row, row.record === true, em);
    const call = await this.calls.insert(
      {
        userId: row.userId,
        fromNumber: row.fromNumber,
        toNumber: row.toNumber,
        direction: row.direction,
        status: 'initiated',
        durationSeconds: 0,
        startTime: row.startTime,
        endTime: null,
        answeredAt: null,
        callSid: row.callSid,
        provider: this.voip.providerName,
        recordingUrl: null,
        recorded,
        recordingAnnounced: recorded,
        cost: 0,
        ratePerMinute: row.ratePerMinute,
        notes: row.notes,
        nextStatus: row.next?.status ?? null,
        nextTransitionAt: row.next?.at ?? null,
      },
      em,
    );
    await this.calls.insertEvents(
      [{ callId: call.id, status: 'initiated', occurredAt: row.startTime, recordedAt: row.startTime, source }],
      em,
    );
    return call;
  }

  /** call_initiated for calls the SIP server reported (no signed-in actor: the call's user, the server's address). */
  private async recordInitiated(calls: CallEntity[], client: ClientContext, em: EntityManager): Promise<void> {
    await this.activity.recordMany(
      calls.map((call) => ({
        action: 'call_initiated' as const,
        userId: call.userId,
        client,
        entityType: 'call' as const,
        entityId: call.id,
        details: { fromNumber: call.fromNumber, toNumber: call.toNumber, direction: call.direction },
      })),
      em,
    );
  }

  /** Hang-up (initiated/ringing → canceled, in_progress → completed) and notes; any other transition is a 409. */
  async update(audit: AuditContext, id: number, dto: UpdateCallDto): Promise<CallDto> {
    if (dto.status === undefined && dto.notes === undefined) throw badRequest('Send status and/or notes');
    let hungUp = false;
    let legs: CallEntity[] = [];
    // A mock call's legs are locked in id order (CallEngine.lockLegs): read which they are first.
    const own = await this.calls.findOwn(audit.actor.userId, id);
    if (!own) throw notFound('Call');
    const mockLegs = own.provider === 'mock' && this.voip.playsOnNetCalls;
    const call = await this.dataSource.transaction(async (em) => {
      legs = mockLegs
        ? await this.engine.lockLegs(em, own)
        : [await this.calls.findOwn(audit.actor.userId, id, { lock: true, manager: em })].filter(
            (row): row is CallEntity => row !== null,
          );
      const call = legs.find((leg) => leg.id === id && leg.userId === audit.actor.userId);
      if (!call) throw notFound('Call');
      if (dto.status !== undefined && dto.status !== call.status) {
        const allowed = HANGUP_TRANSITIONS[call.status];
        if (allowed !== dto.status) {
          throw conflict(
            allowed
              ? `A ${call.status} call can only become ${allowed}`
              : `The call is already ${call.status}; its status can no longer change`,
          );
        }
        const now = this.clock.now();
        if (mockLegs) {
          // Either side ends both legs (before the answer: the caller's canceled, the callee's missed).
          await this.engine.applyToLegs(em, legs, hangupStatus, now, 'api', now, audit.client);
        } else {
          await this.engine.applyTransition(em, call, dto.status, now, 'api', now, audit.client);
        }
        hungUp = true;
      } else if (dto.status !== undefined && dto.status === call.status && !isSettable(call.status)) {
        throw conflict(`The call is already ${call.status}`);
      }
      if (dto.notes !== undefined) {
        call.notes = dto.notes === null ? null : dto.notes.trim() || null;
        await this.calls.updateNotes(call.id, call.notes, em);
      }
      return call;
    });
    // The row is final already; the provider's side (ending a real dialog) never delays or fails the answer.
    if (hungUp && call.callSid) void this.voip.hangup(call.callSid).catch(() => undefined);
    this.engine.publish(hungUp ? legs : [call]);
    return toCallDto(call);
  }

  /** The callee answers their ringing inbound call (mock): both legs in_progress. */
  answer(audit: AuditContext, id: number): Promise<CallDto> {
    return this.respond(audit, id, 'in_progress');
  }

  /** The callee declines their ringing inbound call (mock): both legs end busy. */
  decline(audit: AuditContext, id: number): Promise<CallDto> {
    return this.respond(audit, id, 'busy');
  }

  /**
   * Answer or decline: only the callee's own leg (anyone else's is a 404), only while it rings, only in the mock
   * (real calls are answered in the softphone): else 409. Both legs change in one transaction under their row locks,
   * so a hang-up or the ring timeout racing it either comes first (then this is a 409) or finds the new status.
   */
  private async respond(audit: AuditContext, id: number, status: 'in_progress' | 'busy'): Promise<CallDto> {
    const own = await this.calls.findOwn(audit.actor.userId, id);
    if (!own) throw notFound('Call');
    const verb = status === 'in_progress' ? 'answered' : 'declined';
    if (own.direction !== 'inbound') throw conflict(`Only an inbound call can be ${verb}; this one is outbound`);
    if (own.provider !== 'mock' || !this.voip.playsOnNetCalls) {
      throw conflict(`A real call is ${verb} in the softphone (the dialer), not through the API`);
    }
    const legs = await withDeadlockRetry(() =>
      this.dataSource.transaction(async (em) => {
        const legs = await this.engine.lockLegs(em, own);
        const call = legs.find((leg) => leg.id === id);
        if (!call) throw notFound('Call');
        if (call.status !== 'ringing') {
          throw conflict(`Only a ringing call can be ${verb}; this one is ${call.status}`);
        }
        const now = this.clock.now();
        await this.engine.applyToLegs(em, legs, () => status, now, 'api', now, audit.client);
        await this.activity.record(
          {
            action: status === 'in_progress' ? 'call_answered' : 'call_declined',
            audit,
            entityType: 'call',
            entityId: call.id,
            details: { fromNumber: call.fromNumber, toNumber: call.toNumber },
          },
          em,
        );
        return legs;
      }),
    );
    this.engine.publish(legs);
    return toCallDto(legs.find((leg) => leg.id === id) as CallEntity);
  }

  /**
   * A call from outside to one of the portal's numbers, played by the mock as `scenario` says (POST
   * /sim/inbound-calls): only the callee's leg exists. 404 unless the provider is the mock; `to` (and `from`) must be
   * phone numbers (400), `to` one assigned to an active user (404).
   */
  async simulateInbound(audit: AuditContext, request: SimulatedInboundRequest): Promise<CallDto> {
    if (!this.voip.simulatesInbound) {
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'Simulated calls exist only with the mock provider (VOIP_PROVIDER=mock)',
      );
    }
    const toNumber = toE164(request.to);
    if (toNumber === null) throw fieldError('to', 'must be a phone number (E.164 or a national US format)');
    let fromNumber: string;
    if (request.from === undefined) fromNumber = outsideNumber();
    else {
      const given = toE164(request.from);
      if (given === null) throw fieldError('from', 'must be a phone number (E.164 or a national US format)');
      fromNumber = given;
    }
    const ownerId = await this.policy.onNetOwner(toNumber);
    if (ownerId === null) {
      throw new ProblemException(HttpStatus.NOT_FOUND, `${toNumber} is not assigned to an active user of this portal`);
    }
    const placed = this.voip.simulateInbound(request.scenario ?? 'caller_waits');
    const call = await withDeadlockRetry(() =>
      this.dataSource.transaction(async (em) => {
        const now = this.clock.now();
        const row = await this.insertInitiated(
          em,
          {
            userId: ownerId,
            fromNumber,
            toNumber,
            direction: 'inbound',
            callSid: placed.callSid,
            ratePerMinute: this.voip.ratePerMinute('inbound'),
            notes: null,
            startTime: now,
            next: this.voip.firstTransition(placed, now),
          },
          'api',
        );
        await this.voip.remember(row.id, placed, em);
        await this.activity.record(
          {
            action: 'call_initiated',
            userId: ownerId,
            client: audit.client,
            entityType: 'call',
            entityId: row.id,
            details: {
              fromNumber,
              toNumber,
              direction: 'inbound',
              simulatedBy: audit.actor.userId,
              scenario: request.scenario ?? 'caller_waits',
            },
          },
          em,
        );
        return row;
      }),
    );
    this.engine.publish([call]);
    return toCallDto(call);
  }

  async sendDigits(userId: number, id: number, digits: string): Promise<void> {
    const call = await this.calls.findOwn(userId, id);
    if (!call) throw notFound('Call');
    if (call.status !== 'in_progress' || !call.callSid) {
      throw conflict(`Digits can only be sent during an answered call; this one is ${call.status}`);
    }
    await this.voip.sendDigits(call.callSid, digits);
  }
}

/** A plausible caller from outside: +1 <area> 555-01xx, a range kept for fiction. */
function outsideNumber(): string {
  const area = OUTSIDE_AREAS[randomInt(0, OUTSIDE_AREAS.length)] as string;
  return `+1${area}55501${String(randomInt(0, 100)).padStart(2, '0')}`;
}

function isSettable(status: CallStatus): boolean {
  return HANGUP_TRANSITIONS[status] !== undefined;
}
