import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CALL_STATUSES, CallStatus } from '@hh/contracts';

export const CALL_EVENT_SOURCES = ['api', 'engine', 'provider'] as const;
export type CallEventSource = (typeof CALL_EVENT_SOURCES)[number];

/** One status change of a call: its timeline. */
@Entity('call_events')
export class CallEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'call_id', type: 'int' })
  callId!: number;

  @Column({ type: 'enum', enum: CALL_STATUSES })
  status!: CallStatus;

  @Column({ name: 'occurred_at', type: 'datetime', precision: 3 })
  occurredAt!: Date;

  @Column({ name: 'recorded_at', type: 'datetime', precision: 3 })
  recordedAt!: Date;

  @Column({ type: 'enum', enum: CALL_EVENT_SOURCES })
  source!: CallEventSource;
}
