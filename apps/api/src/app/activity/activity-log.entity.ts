import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ActivityEntityType } from '@hh/contracts';

/** Facts about an action, kept as JSON: flat values only. */
export type ActivityDetails = Record<string, string | number | boolean | null>;

@Entity('activity_logs')
export class ActivityLogEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ name: 'user_id', type: 'int', nullable: true })
  userId!: number | null;

  @Column({ type: 'varchar', length: 100 })
  action!: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 50, nullable: true })
  entityType!: ActivityEntityType | null;

  @Column({ name: 'entity_id', type: 'int', nullable: true })
  entityId!: number | null;

  @Column({ type: 'json', nullable: true })
  details!: ActivityDetails | null;

  @Column({ name: 'ip_address', type: 'varchar', length: 45, nullable: true })
  ipAddress!: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
