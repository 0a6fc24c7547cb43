import { Entity, PrimaryColumn } from 'typeorm';
import { RollupFigures } from './rollup-figures';

/**
 * Final calls per UTC day of start_time and user (sql/006): top users of whole days. Upserted with the other
 * rollups (call-rollups.ts) in each call's final transaction.
 */
@Entity('daily_user_totals')
export class DailyUserTotalsEntity extends RollupFigures {
  @PrimaryColumn({ type: 'date' })
  day!: string;

  @PrimaryColumn({ name: 'user_id', type: 'int' })
  userId!: number;
}
