import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CallStatus } from '@hh/contracts';
import { decimalToNumber } from '../../database/column-transformers';

/**
 * daily_call_stats summed over users (sql/005): one row per UTC day and final status, upserted in the same
 * transaction as each call's final status. GET /admin/analytics reads its daily figures from here.
 */
@Entity('daily_call_totals')
export class DailyCallTotalsEntity {
  @PrimaryColumn({ type: 'date' })
  day!: string;

  @PrimaryColumn({ type: 'enum', enum: ['completed', 'failed', 'busy', 'no_answer', 'canceled'] })
  status!: CallStatus;

  @Column({ type: 'int', default: 0 })
  calls!: number;

  @Column({ name: 'duration_seconds', type: 'bigint', default: 0 })
  durationSeconds!: string;

  @Column({ type: 'decimal', precision: 16, scale: 4, default: 0, transformer: decimalToNumber })
  cost!: number;
}
