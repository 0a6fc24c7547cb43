import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { CallStatus } from '@hh/contracts';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Clock } from '../../common/clock';
import type { ClientContext } from '../../common/http/client-context';
import { ActivityService } from '../activity/activity.service';
import { rollupUpserts } from '../analytics/call-rollups';
import { RealtimeBus } from '../realtime/realtime-bus.service';
import { CallPlan, MAX_CALL_SECONDS } from '../voip/voip-provider';
import { answeredSeconds, callCost, isFailed, isFinal, nextTransition } from './call-lifecycle';
import type { CallEventSource } from './call-event.entity';
import { CallEntity } from './call.entity';
import { toCallDto } from './dto/call.dto';
import { roundMoney } from '../../common/money';

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
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly bus: RealtimeBus,
    private readonly activity: ActivityService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.engine.enabled) this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let applied = 0;
      try {
        applied = await this.tick();
      } catch (error) {
        this.logger.warn(`Engine tick failed (${(error as Error).message}); retrying`);
        await this.sleep(1000);
        continue;
      }
      if (applied < this.config.engine.batchSize) await this.sleep(this.config.engine.pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Claims and applies the transitions due now (at most one batch); returns how many were applied. */
  async tick(limit = this.config.engine.batchSize): Promise<number> {
    // READ COMMITTED: the claim locks the due rows only, not the index gaps between them (REPEATABLE READ's
    // next-key locks), which made concurrent POST /calls inserts deadlock against the batch. (It needs the
    // binary log, if any, in MIXED or ROW format, MariaDB's default; not STATEMENT.)
    const changed = await this.dataSource.transaction('READ COMMITTED', async (em) => {
      const due: { id: number }[] = await em.query(
        'SELECT id FROM calls WHERE next_transition_at <= ? ORDER BY next_transition_at LIMIT ? FOR UPDATE SKIP LOCKED',
        [this.clock.now(), limit],
      );
      if (due.length === 0) return [];
      const calls = await em.getRepository(CallEntity).findBy({ id: In(due.map((row) => row.id)) });
      const steps: Step[] = [];
      for (const call of calls) {
        if (call.nextStatus && call.nextTransitionAt) {
          steps.push({ call, status: call.nextStatus, at: call.nextTransitionAt });
        }
      }
      await this.applyTransitions(em, steps, 'engine');
      return steps.map((step) => step.call);
    });
    this.publish(changed);
    return changed.length;
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
    const speed = this.config.voip.mockSpeed;
    for (const { call, status, at } of steps) {
      call.status = status;
      if (status === 'in_progress') call.answeredAt = at;
      if (isFinal(status)) {
        call.endTime = at;
        // A completion the engine applies is the plan's end: exactly the planned talk time. Recomputing it from
        // the schedule's whole milliseconds loses seconds at high speeds (30 s came out as 28 s at 7000×).
        call.durationSeconds =
          status !== 'completed' || !call.answeredAt
            ? 0
            : source === 'engine'
              ? (call.planTalkSeconds ?? MAX_CALL_SECONDS)
              : answeredSeconds(call.answeredAt, at, speed, call.planTalkSeconds);
        call.cost = callCost(call.durationSeconds, this.config.voip.mockRatePerMinute);
        call.nextStatus = null;
        call.nextTransitionAt = null;
      } else {
        const next = nextTransition(status, planOf(call), at, speed);
        call.nextStatus = next?.status ?? null;
        call.nextTransitionAt = next?.at ?? null;
      }
    }
    const written = recordedAt ?? this.clock.now();
    const calls = steps.map((step) => step.call);
    const ids = calls.map((call) => call.id);
    const column = (name: string, value: (call: CallEntity) => unknown) => ({
      sql: `${name} = CASE id ${calls.map(() => 'WHEN ? THEN ?').join(' ')} END`,
      params: calls.flatMap((call) => [call.id, value(call)]),
    });
    const columns = [
      column('status', (c) => c.status),
      column('answered_at', (c) => c.answeredAt),
      column('end_time', (c) => c.endTime),
      column('duration_seconds', (c) => c.durationSeconds),
      column('cost', (c) => c.cost),
      column('next_status', (c) => c.nextStatus),
      column('next_transition_at', (c) => c.nextTransitionAt),
    ];
    await em.query(
      `UPDATE calls SET ${columns.map((c) => c.sql).join(', ')} WHERE id IN (${ids.map(() => '?').join(', ')})`,
      [...columns.flatMap((c) => c.params), ...ids],
    );
    await em.query(
      `INSERT INTO call_events (call_id, status, occurred_at, recorded_at, source) VALUES ${steps.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      steps.flatMap(({ call, status, at }) => [call.id, status, at, written, source]),
    );
    const ended = calls.filter((call) => isFinal(call.status));
    if (ended.length === 0) return;
    await this.settleTotals(em, ended, written);
    await this.settleRollups(em, ended);
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
  }

  publish(calls: CallEntity[]): void {
    for (const call of calls) {
      this.bus.publish({ event: 'call.updated', data: toCallDto(call), audience: { userId: call.userId } });
    }
  }

  /**
   * user_analytics in the same transaction as the final status (docs/decisions/007): one row per user, in user
   * order, so that two instances settling the same users lock their rows in the same order and never deadlock.
   */
  private async settleTotals(em: EntityManager, ended: CallEntity[], now: Date): Promise<void> {
    const byUser = new Map<number, Totals>();
    for (const call of ended) {
      const totals = byUser.get(call.userId) ?? {
        calls: 0,
        successful: 0,
        failed: 0,
        canceled: 0,
        duration: 0,
        cost: 0,
        lastCall: call.startTime,
      };
      totals.calls += 1;
      totals.successful += call.status === 'completed' ? 1 : 0;
      totals.failed += isFailed(call.status) ? 1 : 0;
      totals.canceled += call.status === 'canceled' ? 1 : 0;
      totals.duration += call.durationSeconds;
      totals.cost = roundMoney(totals.cost + call.cost);
      if (call.startTime > totals.lastCall) totals.lastCall = call.startTime;
      byUser.set(call.userId, totals);
    }
    const rows = [...byUser.entries()].sort(([a], [b]) => a - b);
    await em.query(
      `INSERT INTO user_analytics
         (user_id, total_calls, successful_calls, failed_calls, canceled_calls, total_duration_seconds, total_cost, last_call_date, updated_at)
       VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
       ON DUPLICATE KEY UPDATE
         total_calls = total_calls + VALUES(total_calls),
         successful_calls = successful_calls + VALUES(successful_calls),
         failed_calls = failed_calls + VALUES(failed_calls),
         canceled_calls = canceled_calls + VALUES(canceled_calls),
         total_duration_seconds = total_duration_seconds + VALUES(total_duration_seconds),
         total_cost = total_cost + VALUES(total_cost),
         last_call_date = GREATEST(COALESCE(last_call_date, VALUES(last_call_date)), VALUES(last_call_date)),
         updated_at = VALUES(updated_at)`,
      rows.flatMap(([userId, t]) => [
        userId,
        t.calls,
        t.successful,
        t.failed,
        t.canceled,
        t.duration,
        t.cost,
        t.lastCall,
        now,
      ]),
    );
  }

  /**
   * Every rollup of final calls (analytics/call-rollups.ts: per day and per hour, by status and by user) in the same
   * transaction as the final status, so analytics read exact figures at every commit; one upsert per rollup, rows
   * in key order so that concurrent batches lock the shared rows in the same order and never deadlock on them.
   */
  private async settleRollups(em: EntityManager, ended: CallEntity[]): Promise<void> {
    for (const upsert of rollupUpserts(ended)) await em.query(upsert.sql, upsert.params);
  }
}

/** One transition to apply to a call locked by the caller's transaction. */
export interface Step {
  call: CallEntity;
  status: CallStatus;
  at: Date;
}

interface Totals {
  calls: number;
  successful: number;
  failed: number;
  canceled: number;
  duration: number;
  cost: number;
  lastCall: Date;
}

export function planOf(call: CallEntity): CallPlan {
  return {
    ringMs: call.planRingMs ?? 0,
    outcome: call.planOutcome ?? 'failed',
    outcomeMs: call.planOutcomeMs ?? 0,
    talkSeconds: call.planTalkSeconds,
  };
}
