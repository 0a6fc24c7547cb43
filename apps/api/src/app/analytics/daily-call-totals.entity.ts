import { Entity, PrimaryColumn } from 'typeorm';
import type { CallStatus } from '@hh/contracts';
import { RollupFigures } from './rollup-figures';

/**
 * Final calls per UTC day of start_time and status (sql/005): GET /admin/analytics reads the daily figures of whole
 * days from here. Upserted with the other rollups (call-rollups.ts) in each call's final transaction.
 */
@Entity('daily_call_totals')
export class DailyCallTotalsEntity extends RollupFigures {
  @PrimaryColumn({ type: 'date' })
  day!: string;

  @PrimaryColumn({ type: 'enum', enum: ['completed', 'failed', 'busy', 'no_answer', 'canceled'] })
  status!: CallStatus;
}
