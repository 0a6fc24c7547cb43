import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CallStatus, REALTIME_EVENTS } from '@hh/contracts';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Clock } from '../../common/clock';
import { PollingLoop } from '../../common/worker/polling-loop';
import type { ClientContext } from '../../common/http/client-context';
import { ActivityService } from '../activity/activity.service';
import { RollupsService } from '../analytics/rollups.service';
import { RealtimeBus } from '../realtime/realtime-bus';
import { RecordingsService } from '../recordings/recordings.service';
import { VoipService } from '../voip/voip.service';
import type { ProviderReport } from '../voip/voip-provider';
import { callCost, isFinal, legSids, reportedTransition } from './call-lifecycle';
import type { CallEventSource } from './call-event.entity';
import { CallEntity } from './call.entity';
import { CallRepository } from './call.repository';
import { toCallDto } from './dto/call.dto';

/**
 * The durable call engine (docs/decisions/005). A call's state and its next transition live in MariaDB; this worker,
 * running in every API instance, claims due calls with SELECT … FOR UPDATE SKIP LOCKED, applies each
 * transition — with endTime, duration, cost and the user_analytics totals on the final one — in one
 * transaction, and publishes the changes after the commit. A restart loses nothing, and N instances never
 * apply a step twice: a claimed row is locked until its transaction ends and skipped by everyone else.
 */
@Injectable()
export class CallEngine implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CallEngine');
  private readonly loop = new PollingLoop(
    () => this.tick(),
    () => this.config.engine,
    this.logger,
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly bus: RealtimeBus,
    private readonly activity: ActivityService,
    private readonly calls: CallRepository,
    private readonly rollups: RollupsService,
    private readonly voip: VoipService,
    private readonly recordings: RecordingsService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.engine.enabled) this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** Claims and applies the transitions due now (at most one batch); returns how many were applied. */
  async tick(limit = this.config.engine.batchSize): Promise<number> {
    // READ COMMITTED: the claim locks the due rows only, not the index gaps between them (REPEATABLE READ's
    // next-key locks), which made concurrent POST /calls inserts deadlock against the batch. (It needs the
    // binary log, if any, in MIXED or ROW format, MariaDB's default; not STATEMENT.)
    const changed = await this.dataSource.transaction('READ COMMITTED', async (em) => {
      const calls = await this.calls.claimDue(this.clock.now(), limit, em);
      if (calls.length === 0) return [];
      const steps: Step[] = [];
      for (const call of calls) {
        if (call.nextStatus && call.nextTransitionAt) {
          steps.push({ call, status: call.nextStatus, at: call.nextTransitionAt });
        }
      }
      // The other leg of an on-net mock call has no schedule of its own: it takes each step of the leg that has
      // (the caller's, the lower id, locked first by the claim), in this transaction.
      const peers = await this.peersOf(
        em,
        steps.map((step) => step.call),
      );
      for (const step of [...steps]) {
        const peer = peers.get(step.call.id);
        if (peer && !isFinal(peer.status))
          steps.push({ call: peer, status: step.status, at: step.at, follows: step.call });
      }
      await this.applyTransitions(em, steps, 'engine');
      return steps;
    });
    this.publish(changed.map((step) => step.call));
    this.publishIncoming(changed);
    return changed.length;
  }

  /**
   * The legs of a call (itself and, for a mock call, the other leg by the sid convention), locked FOR UPDATE in id
   * order: the order the engine's claim takes them in too (the leg with the schedule, inserted first, then its
   * peer), so answer, decline, hang-up and the ring timeout serialise and never deadlock. The first leg is the one
   * with the schedule.
   */
  async lockLegs(em: EntityManager, call: Pick<CallEntity, 'id' | 'provider' | 'callSid'>): Promise<CallEntity[]> {
    if (call.provider === 'mock' && call.callSid) return this.calls.lockBySids(legSids(call.callSid), em);
    const row = await this.calls.lockById(call.id, em);
    return row ? [row] : [];
  }

  /**
   * Moves every leg of a call (from lockLegs) as `statusOf` says, at `at`, in the caller's transaction: the first leg
   * by its plan, the others following it (no schedule, the same talk time).
   */
  async applyToLegs(
    em: EntityManager,
    legs: CallEntity[],
    statusOf: (leg: CallEntity) => CallStatus,
    at: Date,
    source: CallEventSource,
    recordedAt: Date,
    client?: ClientContext,
  ): Promise<void> {
    const [driver, ...others] = legs;
    if (!driver) return;
    const steps: Step[] = [{ call: driver, status: statusOf(driver), at }];
    for (const leg of others)
      if (!isFinal(leg.status)) steps.push({ call: leg, status: statusOf(leg), at, follows: driver });
    await this.applyTransitions(em, steps, source, recordedAt, client);
  }

  /** The other leg of each mock call that has one, locked after the calls themselves, by the call's id. */
  private async peersOf(em: EntityManager, calls: CallEntity[]): Promise<Map<number, CallEntity>> {
    const linked = calls.filter((call) => call.provider === 'mock' && call.callSid !== null);
    if (linked.length === 0) return new Map();
    const otherSid = new Map(linked.map((call) => [legSids(call.callSid as string)[1], call.id]));
    const peers = await this.calls.lockBySids([...otherSid.keys()], em);
    return new Map(peers.map((peer) => [otherSid.get(peer.callSid as string) as number, peer]));
  }

  /**
   * Moves a locked call to `status` as of `at` (the scheduled time, so a late or restarted engine keeps the
   * call's real timeline), schedules what follows, and on a final status settles duration, cost and totals.
   */
  async applyTransition(
    em: EntityManager,
    call: CallEntity,
    status: CallStatus,
    at: Date,
    source: CallEventSource,
    recordedAt: Date,
    client?: ClientContext,
  ): Promise<void> {
    await this.applyTransitions(em, [{ call, status, at }], source, recordedAt, client);
  }

  /**
   * applyTransition for many locked calls at once, set-based: one UPDATE of the calls, one INSERT of their
   * events, and for those that end one upsert of the per-user totals and one INSERT of the activity rows —
   * a handful of statements per batch rather than several per call, so a batch of 500 costs milliseconds,
   * not round trips by the thousand. `recordedAt` defaults to the moment of writing, so that recorded_at
   * minus occurred_at is the real lateness.
   */
  async applyTransitions(
    em: EntityManager,
    steps: Step[],
    source: CallEventSource,
    recordedAt?: Date,
    client?: ClientContext,
  ): Promise<void> {
    if (steps.length === 0) return;
    // Steps that follow another leg's are written after it, with its talk time and no schedule of their own.
    const driven = steps.filter((step) => !step.follows);
    const followers = steps.filter((step) => step.follows);
    // What follows each step is the provider's to say (one read for the batch): the engine only applies it.
    const progress = await this.voip.progress(
      driven.map(({ call, status, at }) => ({
        callId: call.id,
        status,
        at,
        answeredAt: status === 'in_progress' ? at : call.answeredAt,
        byEngine: source === 'engine',
      })),
      em,
    );
    driven.forEach(({ call, status, at }, index) => {
      const { next, durationSeconds } = progress[index] as (typeof progress)[number];
      call.status = status;
      if (status === 'in_progress') call.answeredAt = at;
      if (isFinal(status)) {
        call.endTime = at;
        // The talk time is the provider's to say (the mock: exactly the planned seconds when the engine plays
        // the completion, not a recomputation from the schedule's whole milliseconds, which lost seconds at speed).
        call.durationSeconds = status === 'completed' && call.answeredAt ? durationSeconds : 0;
        // The rate locked when the call was placed; calls from before sql/009 have none and cost the mock's.
        call.cost = callCost(call.durationSeconds, call.ratePerMinute ?? this.config.voip.mockRatePerMinute);
        call.nextStatus = null;
        call.nextTransitionAt = null;
      } else {
        call.nextStatus = next?.status ?? null;
        call.nextTransitionAt = next?.at ?? null;
      }
    });
    for (const { call, status, at, follows } of followers) {
      call.status = status;
      if (status === 'in_progress') call.answeredAt = at;
      if (isFinal(status)) {
        call.endTime = at;
        call.durationSeconds = status === 'completed' && call.answeredAt ? (follows as CallEntity).durationSeconds : 0;
        call.cost = callCost(call.durationSeconds, call.ratePerMinute ?? this.config.voip.mockRatePerMinute);
      }
      call.nextStatus = null;
      call.nextTransitionAt = null;
    }
    const written = recordedAt ?? this.clock.now();
    const calls = steps.map((step) => step.call);
    await this.calls.updateProgress(calls, em);
    await this.calls.insertEvents(
      steps.map(({ call, status, at }) => ({ callId: call.id, status, occurredAt: at, recordedAt: written, source })),
      em,
    );
    const ended = calls.filter((call) => isFinal(call.status));
    if (ended.length === 0) return;
    // user_analytics and every rollup in the same transaction as the final status (docs/decisions/007), so
    // analytics read exact figures at every commit; rows in key order, so concurrent batches never deadlock.
    await this.rollups.recordFinalCalls(ended, written, em);
    await this.activity.recordMany(
      ended.map((call) => ({
        action: 'call_ended' as const,
        userId: call.userId,
        entityType: 'call',
        entityId: call.id,
        details: { status: call.status, durationSeconds: call.durationSeconds, cost: call.cost, by: source },
        client,
      })),
      em,
    );
    // A recorded call that completed gets its recording, and the job that writes the audio, in this transaction.
    await this.recordings.callsEnded(ended, em);
  }

  /**
   * Applies a provider's reports (in their order) to the calls they name, in the caller's transaction, as
   * source `provider`, each at the report's time (never before what the call already went through). The calls are
   * locked here, in id order: a call the engine is ending at its safety deadline is waited for and then found final,
   * so a deadline and a report never both apply. Reports for unknown sids, or that no longer apply, are skipped.
   * Returns the calls that changed, for the caller to publish after its commit.
   */
  async applyProviderReports(em: EntityManager, reports: ProviderReport[]): Promise<CallEntity[]> {
    if (reports.length === 0) return [];
    const calls = await this.calls.lockBySids([...new Set(reports.map((r) => r.callSid))], em);
    const bySid = new Map(calls.map((call) => [call.callSid, call]));
    // One step per call per round: applyTransitions writes a batch with one CASE per column, one value per call.
    const rounds: Step[][] = [];
    const projected = new Map<number, { status: CallStatus; at: Date; steps: number }>();
    for (const report of reports) {
      const call = bySid.get(report.callSid);
      if (!call) continue;
      const state = projected.get(call.id) ?? {
        status: call.status,
        at: call.answeredAt ?? call.startTime,
        steps: 0,
      };
      const status = reportedTransition(state.status, report.status);
      if (!status) continue;
      const at = report.at.getTime() < state.at.getTime() ? state.at : report.at;
      (rounds[state.steps] ??= []).push({ call, status, at });
      projected.set(call.id, { status, at, steps: state.steps + 1 });
    }
    for (const steps of rounds) await this.applyTransitions(em, steps, 'provider');
    return calls.filter((call) => projected.has(call.id));
  }

  publish(calls: CallEntity[]): void {
    for (const call of calls) {
      this.bus.publish({ event: 'call.updated', data: toCallDto(call), audience: { userId: call.userId } });
    }
  }

  /**
   * call.incoming to the callee of each mock inbound leg that just started ringing (after its call.updated): the
   * web app shows Answer/Decline. Real calls ring the softphone through SIP instead.
   */
  private publishIncoming(steps: Step[]): void {
    for (const { call, status } of steps) {
      if (status !== 'ringing' || call.direction !== 'inbound' || call.provider !== 'mock') continue;
      this.bus.publish({
        event: REALTIME_EVENTS.callIncoming,
        data: toCallDto(call),
        audience: { userId: call.userId },
      });
    }
  }
}

/** One transition to apply to a call locked by the caller's transaction. */
export interface Step {
  call: CallEntity;
  status: CallStatus;
  at: Date;
  /**
   * The leg this one follows (the other leg of an on-net mock call): it keeps no schedule of its own and, when both
   * complete, takes that leg's talk time. That leg's step must be in the same batch.
   */
  follows?: CallEntity;
}
