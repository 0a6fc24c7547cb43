import { Column } from 'typeorm';
import type { PlannedOutcome } from './voip-provider';

export const PLANNED_OUTCOMES = ['in_progress', 'failed', 'busy', 'no_answer'] as const;

/**
 * The mock provider's plan, stored with each call (calls.plan_*, sql/003). Embedded in CallEntity only so that the
 * mapping covers every column of calls; never selected through it: voip/call-plan.repository.ts reads and writes
 * them, and nothing outside voip/ knows they exist.
 */
export class CallPlanColumns {
  @Column({ name: 'plan_outcome', type: 'enum', enum: PLANNED_OUTCOMES, nullable: true, select: false })
  outcome!: PlannedOutcome | null;

  @Column({ name: 'plan_ring_ms', type: 'int', nullable: true, select: false })
  ringMs!: number | null;

  @Column({ name: 'plan_outcome_ms', type: 'int', nullable: true, select: false })
  outcomeMs!: number | null;

  @Column({ name: 'plan_talk_seconds', type: 'int', nullable: true, select: false })
  talkSeconds!: number | null;
}
