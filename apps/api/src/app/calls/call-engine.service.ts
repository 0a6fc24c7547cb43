import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { CallStatus } from '@hh/contracts';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Clock } from '../../common/clock';
import type { ClientContext } from '../../common/http/client-context';
import { ActivityService } from '../activity/activity.service';
import { RealtimeBus } from '../realtime/realtime-bus.service';
import type { CallPlan } from '../voip/voip-provider';
import { answeredSeconds, callCost, isFailed, isFinal, nextTransition } from './call-lifecycle';
import { CallEventEntity, CallEventSource } from './call-event.entity';
import { CallEntity } from './call.entity';
import { toCallDto } from './dto/call.dto';

/**
 * The durable call engine (DESIGN.md). A call's state and its next transition live in MariaDB; this worker,
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
    const now = this.clock.now();
    const changed = await this.dataSource.transaction(async (em) => {
      const due: { id: number }[] = await em.query(
        'SELECT id FROM calls WHERE next_transition_at <= ? ORDER BY next_transition_at LIMIT ? FOR UPDATE SKIP LOCKED',
        [now, limit],
      );
      if (due.length === 0) return [];
      const calls = await em.getRepository(CallEntity).findBy({ id: In(due.map((row) => row.id)) });
      for (const call of calls) {
        if (!call.nextStatus || !call.nextTransitionAt) continue;
        await this.applyTransition(em, call, call.nextStatus, call.nextTransitionAt, 'engine', now);
      }
      return calls;
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
    const speed = this.config.voip.mockSpeed;
    call.status = status;
    if (status === 'in_progress') call.answeredAt = at;
    if (isFinal(status)) {
      call.endTime = at;
      call.durationSeconds =
        status === 'completed' && call.answeredAt
          ? answeredSeconds(call.answeredAt, at, speed, call.planTalkSeconds)
          : 0;
      call.cost = callCost(call.durationSeconds, this.config.voip.mockRatePerMinute);
      call.nextStatus = null;
      call.nextTransitionAt = null;
    } else {
      const next = nextTransition(status, planOf(call), at, speed);
      call.nextStatus = next?.status ?? null;
      call.nextTransitionAt = next?.at ?? null;
    }
    await em.getRepository(CallEntity).update(
      { id: call.id },
      {
        status: call.status,
        answeredAt: call.answeredAt,
        endTime: call.endTime,
        durationSeconds: call.durationSeconds,
        cost: call.cost,
        nextStatus: call.nextStatus,
        nextTransitionAt: call.nextTransitionAt,
      },
    );
    await em.getRepository(CallEventEntity).insert({ callId: call.id, status, occurredAt: at, recordedAt, source });
    if (isFinal(status)) {
      await this.settleTotals(em, call, recordedAt);
      await this.activity.record(
        {
          action: 'call_ended',
          userId: call.userId,
          entityType: 'call',
          entityId: call.id,
          details: { status, durationSeconds: call.durationSeconds, cost: call.cost, by: source },
          client,
        },
        em,
      );
    }
  }

  publish(calls: CallEntity[]): void {
    for (const call of calls) {
      this.bus.publish({ event: 'call.updated', data: toCallDto(call), audience: { userId: call.userId } });
    }
  }

  /** user_analytics in the same transaction as the final status (API.md). */
  private async settleTotals(em: EntityManager, call: CallEntity, now: Date): Promise<void> {
    const successful = call.status === 'completed' ? 1 : 0;
    const failed = isFailed(call.status) ? 1 : 0;
    const canceled = call.status === 'canceled' ? 1 : 0;
    await em.query(
      `INSERT INTO user_analytics
         (user_id, total_calls, successful_calls, failed_calls, canceled_calls, total_duration_seconds, total_cost, last_call_date, updated_at)
       VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE
         total_calls = total_calls + 1,
         successful_calls = successful_calls + VALUES(successful_calls),
         failed_calls = failed_calls + VALUES(failed_calls),
         canceled_calls = canceled_calls + VALUES(canceled_calls),
         total_duration_seconds = total_duration_seconds + VALUES(total_duration_seconds),
         total_cost = total_cost + VALUES(total_cost),
         last_call_date = GREATEST(COALESCE(last_call_date, VALUES(last_call_date)), VALUES(last_call_date)),
         updated_at = VALUES(updated_at)`,
      [call.userId, successful, failed, canceled, call.durationSeconds, call.cost, call.startTime, now],
    );
  }
}

export function planOf(call: CallEntity): CallPlan {
  return {
    ringMs: call.planRingMs ?? 0,
    outcome: call.planOutcome ?? 'failed',
    outcomeMs: call.planOutcomeMs ?? 0,
    talkSeconds: call.planTalkSeconds,
  };
}
