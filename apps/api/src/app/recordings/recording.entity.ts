import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { RECORDING_STATUSES, RecordingStatus } from '@hh/contracts';

/** A call's recording (sql/011). Mapped so the schema is checked against it; RecordingsRepository queries it. */
@Entity('recordings')
export class RecordingEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ name: 'call_id', type: 'int' })
  callId!: number;

  @Column({ name: 'user_id', type: 'int' })
  userId!: number;

  @Column({ type: 'enum', enum: RECORDING_STATUSES, default: 'processing' })
  status!: RecordingStatus;

  @Column({ name: 'duration_seconds', type: 'int', default: 0 })
  durationSeconds!: number;

  @Column({ name: 'size_bytes', type: 'bigint', default: 0 })
  sizeBytes!: string;

  @Column({ type: 'varchar', length: 10, default: 'wav' })
  format!: string;

  @Column({ name: 'storage_key', type: 'varchar', length: 255, nullable: true })
  storageKey!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt!: Date;

  @Column({ name: 'deleted_at', type: 'datetime', precision: 3, nullable: true })
  deletedAt!: Date | null;
}
