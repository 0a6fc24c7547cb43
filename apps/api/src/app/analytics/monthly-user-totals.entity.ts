import { Entity, PrimaryColumn } from 'typeorm';
import { RollupFigures } from './rollup-figures';

/**
 * Final calls per UTC month of start_time and user (sql/007): top users of whole months. Upserted with the other
 * rollups (call-rollups.ts) in each call's final transaction.
 */
@Entity('monthly_user_totals')
export class MonthlyUserTotalsEntity extends RollupFigures {
  @PrimaryColumn({ type: 'date' })
  month!: string;

  @PrimaryColumn({ name: 'user_id', type: 'int' })
  userId!: number;
}
