import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { decimalToNumber } from '../../database/column-transformers';

/** Per-user call totals, updated in the same transaction as each call's final status. */
@Entity('user_analytics')
export class UserAnalyticsEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ name: 'user_id', type: 'int', unique: true })
  userId!: number;

  @Column({ name: 'total_calls', type: 'int', default: 0 })
  totalCalls!: number;

  @Column({ name: 'successful_calls', type: 'int', default: 0 })
  successfulCalls!: number;

  @Column({ name: 'failed_calls', type: 'int', default: 0 })
  failedCalls!: number;

  @Column({ name: 'canceled_calls', type: 'int', default: 0 })
  canceledCalls!: number;

  @Column({ name: 'total_duration_seconds', type: 'int', default: 0 })
  totalDurationSeconds!: number;

  @Column({ name: 'total_cost', type: 'decimal', precision: 12, scale: 4, default: 0, transformer: decimalToNumber })
  totalCost!: number;

  @Column({ name: 'last_call_date', type: 'datetime', precision: 3, nullable: true })
  lastCallDate!: Date | null;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
