import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * A durable job (sql/011, docs/decisions/010-durable-jobs.md). Mapped so the schema is checked against it; the jobs
 * feature's queries are raw SQL in JobsRepository (the claim needs FOR UPDATE SKIP LOCKED).
 */
@Entity('jobs')
export class JobEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  kind!: string;

  @Column({ type: 'json' })
  payload!: unknown;

  @Column({ type: 'enum', enum: JOB_STATUSES, default: 'queued' })
  status!: JobStatus;

  @Column({ name: 'due_at', type: 'datetime', precision: 3 })
  dueAt!: Date;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'max_attempts', type: 'int' })
  maxAttempts!: number;

  @Column({ name: 'claimed_by', type: 'varchar', length: 64, nullable: true })
  claimedBy!: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'unique_key', type: 'varchar', length: 191, nullable: true, unique: true })
  uniqueKey!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'datetime', precision: 3, nullable: true })
  finishedAt!: Date | null;
}
