import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CallStatus, canUseTelephony, HANGUP_TRANSITIONS, toE164 } from '@hh/contracts';
import { Clock } from '../../common/clock';
import type { AuditContext } from '../../common/audit/audit-context';
import { withDeadlockRetry } from '../../common/database/deadlock-retry';
import { badRequest, conflict, fieldError, forbidden, notFound } from '../../common/errors/problem.exception';
import { ActivityService } from '../activity/activity.service';
import { NumbersService } from '../numbers/numbers.service';
import { PlacedCall } from '../voip/voip-provider';
import { VoipService } from '../voip/voip.service';
import { CallEngine } from './call-engine';
import { CallEntity } from './call.entity';
import { CallRepository } from './call.repository';
import { PlaceCallDto, UpdateCallDto } from './dto/call-requests.dto';
import { CallDto, toCallDto } from './dto/call.dto';
import { IdempotencyKeyRepository } from './idempotency-key.repository';

const IDEMPOTENCY_WINDOW_MS = 24 * 3600 * 1000;
const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export interface PlacedCallResult {
  call: CallDto;
  replayed: boolean;
}

/**
 * Placing a call (who may call, from which number, once per Idempotency-Key) and what its caller does to it while
 * it lasts: hang up, edit notes, send digits. Another user's call is a 404, never a 403.
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
    private readonly numbers: NumbersService,
  ) {}

  async place(audit: AuditContext, dto: PlaceCallDto, idempotencyKey: string | undefined): Promise<PlacedCallResult> {
    const { actor } = audit;
    if (!canUseTelephony(actor.status)) {
      throw forbidden(
        actor.status === 'pending'
          ? 'Your account is awaiting approval; calls unlock once an admin approves it'
          : 'Your account is suspended',
      );
    }
    const toNumber = toE164(dto.toNumber);
    if (!toNumber) throw fieldError('toNumber', 'is not a valid, dialable phone number');
    const fromNumber = await this.callerId(actor.userId, dto.fromNumber);
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
      throw badRequest('Idempotency-Key must be 1–255 printable ASCII characters');
    }

    // Asked once: a transaction retried after a deadlock reuses the provider's call rather than dialling again.
    let placing: Promise<PlacedCall> | undefined;
    const create = async (em: EntityManager): Promise<CallEntity> => {
      placing ??= this.voip.placeCall({ from: fromNumber, to: toNumber });
      const placed = await placing;
      const now = this.clock.now();
      const next = this.voip.firstTransition(placed, now);
      const call = await this.calls.insert(
        {
          userId: actor.userId,
          fromNumber,
          toNumber,
          direction: 'outbound',
          status: 'initiated',
          durationSeconds: 0,
          startTime: now,
          endTime: null,
          answeredAt: null,
          callSid: placed.callSid,
          provider: this.voip.providerName,
          recordingUrl: null,
          cost: 0,
          notes: dto.notes?.trim() || null,
          nextStatus: next?.status ?? null,
          nextTransitionAt: next?.at ?? null,
        },
        em,
      );
      await this.voip.remember(call.id, placed, em);
      await this.calls.insertEvents(
        [{ callId: call.id, status: 'initiated', occurredAt: now, recordedAt: now, source: 'api' }],
        em,
      );
      await this.activity.record(
        { action: 'call_initiated', audit, entityType: 'call', entityId: call.id, details: { fromNumber, toNumber } },
        em,
      );
      return call;
    };

    if (idempotencyKey === undefined) {
      // InnoDB may pick this insert as a deadlock victim against the engine's batch: retry, never a 500.
      const call = await withDeadlockRetry(() => this.dataSource.transaction(create));
      this.engine.publish([call]);
      return { call: toCallDto(call), replayed: false };
    }
    const requestHash = createHash('sha256')
      .update(JSON.stringify([toNumber, fromNumber, dto.notes ?? null]))
      .digest('hex');
    const result = await withDeadlockRetry(() => this.placeOnce(actor.userId, idempotencyKey, requestHash, create));
    if (!result.replayed) this.engine.publish([result.call]);
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

  /** The caller ID: one of the user's assigned numbers (their first by default); none at all is a 409. */
  private async callerId(userId: number, requested: string | undefined): Promise<string> {
    const numbers = (await this.numbers.ofOwner(userId)).filter((n) => n.status === 'assigned');
    if (numbers.length === 0) {
      throw conflict('You have no phone number yet: request one, and place calls once it is assigned');
    }
    if (requested === undefined) return numbers[0]?.phoneNumber ?? '';
    const wanted = toE164(requested);
    if (!wanted || !numbers.some((n) => n.phoneNumber === wanted)) {
      throw fieldError('fromNumber', 'is not one of your assigned numbers');
    }
    return wanted;
  }

  /** Hang-up (initiated/ringing → canceled, in_progress → completed) and notes; any other transition is a 409. */
  async update(audit: AuditContext, id: number, dto: UpdateCallDto): Promise<CallDto> {
    if (dto.status === undefined && dto.notes === undefined) throw badRequest('Send status and/or notes');
    let hungUp = false;
    const call = await this.dataSource.transaction(async (em) => {
      const call = await this.calls.findOwn(audit.actor.userId, id, { lock: true, manager: em });
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
        await this.engine.applyTransition(em, call, dto.status, now, 'api', now, audit.client);
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
    if (hungUp && call.callSid) await this.voip.hangup(call.callSid).catch(() => undefined);
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

function isSettable(status: CallStatus): boolean {
  return HANGUP_TRANSITIONS[status] !== undefined;
}
