import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CALL_DIRECTIONS, CALL_STATUSES, CallDirection, CallStatus } from '@hh/contracts';
import { decimalToNumber, tinyintToBoolean } from '../../database/column-transformers';
import { CallPlanColumns } from '../voip/call-plan.columns';

export const SCHEDULED_STATUSES = ['ringing', 'in_progress', 'completed', 'failed', 'busy', 'no_answer'] as const;
export type ScheduledStatus = (typeof SCHEDULED_STATUSES)[number];

@Entity('calls')
export class CallEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ name: 'user_id', type: 'int' })
  userId!: number;

  @Column({ name: 'from_number', type: 'varchar', length: 20 })
  fromNumber!: string;

  @Column({ name: 'to_number', type: 'varchar', length: 20 })
  toNumber!: string;

  @Column({ type: 'enum', enum: CALL_DIRECTIONS, default: 'outbound' })
  direction!: CallDirection;

  @Column({ name: 'duration_seconds', type: 'int', default: 0 })
  durationSeconds!: number;

  @Column({ name: 'start_time', type: 'datetime', precision: 3 })
  startTime!: Date;

  @Column({ name: 'end_time', type: 'datetime', precision: 3, nullable: true })
  endTime!: Date | null;

  @Column({ type: 'enum', enum: CALL_STATUSES, default: 'initiated' })
  status!: CallStatus;

  /** The provider's id of the call: the mock's sid; with sip the Call-ID (+ ';in' for the callee's leg). */
  @Column({ name: 'call_sid', type: 'varchar', length: 255, nullable: true, unique: true })
  callSid!: string | null;

  @Column({ type: 'varchar', length: 20, default: 'mock' })
  provider!: string;

  @Column({ name: 'answered_at', type: 'datetime', precision: 3, nullable: true })
  answeredAt!: Date | null;

  /** The transition the engine applies next; null once final. */
  @Column({ name: 'next_status', type: 'enum', enum: SCHEDULED_STATUSES, nullable: true })
  nextStatus!: ScheduledStatus | null;

  @Column({ name: 'next_transition_at', type: 'datetime', precision: 3, nullable: true })
  nextTransitionAt!: Date | null;

  /** The provider's own columns (mapped and written by voip/ alone, never selected here). */
  @Column(() => CallPlanColumns, { prefix: false })
  providerPlan?: CallPlanColumns;

  @Column({ name: 'recording_url', type: 'varchar', length: 500, nullable: true })
  recordingUrl!: string | null;

  /** Recorded (sql/011): its number records calls, or POST /calls asked for it; decided when it is placed. */
  @Column({ type: 'tinyint', width: 1, default: 0, transformer: tinyintToBoolean })
  recorded!: boolean;

  /** The parties were told the call is recorded (the mock announces every recorded call). */
  @Column({ name: 'recording_announced', type: 'tinyint', width: 1, default: 0, transformer: tinyintToBoolean })
  recordingAnnounced!: boolean;

  @Column({ type: 'decimal', precision: 10, scale: 4, default: 0, transformer: decimalToNumber })
  cost!: number;

  /** Price per started minute, locked when the call was placed (sql/009); null on older calls (the mock's rate). */
  @Column({
    name: 'rate_per_minute',
    type: 'decimal',
    precision: 10,
    scale: 4,
    nullable: true,
    transformer: decimalToNumber,
  })
  ratePerMinute!: number | null;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;
}
