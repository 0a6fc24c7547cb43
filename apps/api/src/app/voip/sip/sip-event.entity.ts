import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const SIP_EVENT_KINDS = ['ringing', 'answered', 'ended', 'failed'] as const;
export type SipEventKind = (typeof SIP_EVENT_KINDS)[number];

/** BIGINT columns come back from mysql2 as strings; unix milliseconds fit a JS number exactly. */
const bigintToNumber = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** One call event Kamailio wrote into the inbox (sql/009); only voip/sip reads or writes it. */
@Entity('sip_events')
export class SipEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'sip_call_id', type: 'varchar', length: 255 })
  sipCallId!: string;

  @Column({ type: 'enum', enum: SIP_EVENT_KINDS })
  event!: SipEventKind;

  @Column({ name: 'sip_code', type: 'smallint', nullable: true })
  sipCode!: number | null;

  /** Unix ms by the SIP server's clock. */
  @Column({ name: 'occurred_at_ms', type: 'bigint', transformer: bigintToNumber })
  occurredAtMs!: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'processed_at', type: 'datetime', precision: 3, nullable: true })
  processedAt!: Date | null;
}
