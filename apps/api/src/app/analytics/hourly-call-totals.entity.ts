import { Entity, PrimaryColumn } from 'typeorm';
import type { CallStatus } from '@hh/contracts';
import { RollupFigures } from './rollup-figures';

/**
 * Final calls per UTC hour of start_time and status (sql/006): the daily figures of the whole hours at the edges
 * of a date-time range. Upserted with the other rollups (call-rollups.ts) in each call's final transaction.
 */
@Entity('hourly_call_totals')
export class HourlyCallTotalsEntity extends RollupFigures {
  @PrimaryColumn({ type: 'datetime', precision: 0 })
  hour!: Date;

  @PrimaryColumn({ type: 'enum', enum: ['completed', 'failed', 'busy', 'no_answer', 'canceled'] })
  status!: CallStatus;
}
