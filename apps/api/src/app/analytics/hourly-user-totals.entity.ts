import { Entity, PrimaryColumn } from 'typeorm';
import { RollupFigures } from './rollup-figures';

/**
 * Final calls per UTC hour of start_time and user (sql/006): top users of the whole hours at the edges of a
 * date-time range. Upserted with the other rollups (call-rollups.ts) in each call's final transaction.
 */
@Entity('hourly_user_totals')
export class HourlyUserTotalsEntity extends RollupFigures {
  @PrimaryColumn({ type: 'datetime', precision: 0 })
  hour!: Date;

  @PrimaryColumn({ name: 'user_id', type: 'int' })
  userId!: number;
}
