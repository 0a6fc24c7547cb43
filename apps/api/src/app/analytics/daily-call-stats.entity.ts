import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CallStatus } from '@hh/contracts';
import { decimalToNumber } from '../../database/column-transformers';

/**
 * Per-day rollup of final calls: one row per UTC day of start_time, user and final status, incremented in the
 * same transaction as each call's final status (CallEngine.applyTransitions). Written with SQL upserts only.
 */
@Entity('daily_call_stats')
export class DailyCallStatsEntity {
  @PrimaryColumn({ type: 'date' })
  day!: string;

  @PrimaryColumn({ name: 'user_id', type: 'int' })
  userId!: number;

  @PrimaryColumn({ type: 'enum', enum: ['completed', 'failed', 'busy', 'no_answer', 'canceled'] })
  status!: CallStatus;

  @Column({ type: 'int', default: 0 })
  calls!: number;

  @Column({ name: 'duration_seconds', type: 'bigint', default: 0 })
  durationSeconds!: string;

  @Column({ type: 'decimal', precision: 14, scale: 4, default: 0, transformer: decimalToNumber })
  cost!: number;
}
