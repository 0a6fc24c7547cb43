import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CALL_DIRECTIONS, CALL_STATUSES, CallDirection, CallStatus } from '@hh/contracts';
import { decimalToNumber } from '../../database/column-transformers';

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

  @Column({ name: 'call_sid', type: 'varchar', length: 100, nullable: true })
  callSid!: string | null;

  @Column({ name: 'recording_url', type: 'varchar', length: 500, nullable: true })
  recordingUrl!: string | null;

  @Column({ type: 'decimal', precision: 10, scale: 4, default: 0, transformer: decimalToNumber })
  cost!: number;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;
}
