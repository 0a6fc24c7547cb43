import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CallPlan, PlannedOutcome } from './voip-provider';

interface PlanRow {
  id: number;
  plan_outcome: PlannedOutcome | null;
  plan_ring_ms: number | null;
  plan_outcome_ms: number | null;
  plan_talk_seconds: number | null;
}

/**
 * The mock's plans, kept in the plan_* columns of calls (sql/003): only voip/ reads or writes them, so the calls
 * feature never sees how a provider schedules its calls.
 */
@Injectable()
export class CallPlanRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores the plan of a call just inserted in the same transaction (the row is already locked by the insert). */
  async save(callId: number, plan: CallPlan, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      'UPDATE calls SET plan_outcome = ?, plan_ring_ms = ?, plan_outcome_ms = ?, plan_talk_seconds = ? WHERE id = ?',
      [plan.outcome, plan.ringMs, plan.outcomeMs, plan.talkSeconds, callId],
    );
  }

  /** The plans of many calls in one read; a call placed without a plan is absent from the answer. */
  async findMany(callIds: number[], manager: EntityManager = this.dataSource.manager): Promise<Map<number, CallPlan>> {
    if (callIds.length === 0) return new Map();
    const rows: PlanRow[] = await manager.query(
      `SELECT id, plan_outcome, plan_ring_ms, plan_outcome_ms, plan_talk_seconds FROM calls
        WHERE id IN (?) AND plan_outcome IS NOT NULL`,
      [callIds],
    );
    return new Map(
      rows.map((row) => [
        Number(row.id),
        {
          ringMs: row.plan_ring_ms ?? 0,
          outcome: row.plan_outcome ?? 'failed',
          outcomeMs: row.plan_outcome_ms ?? 0,
          talkSeconds: row.plan_talk_seconds,
        },
      ]),
    );
  }
}
