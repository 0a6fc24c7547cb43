import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { NUMBER_REQUEST_STATUSES, NUMBER_TYPES, NumberRequestStatus, NumberType } from '@hh/contracts';

@Entity('number_requests')
export class NumberRequestEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ name: 'user_id', type: 'int' })
  userId!: number;

  @Column({ name: 'area_code', type: 'varchar', length: 10, nullable: true })
  areaCode!: string | null;

  @Column({ name: 'city_preference', type: 'varchar', length: 100, nullable: true })
  cityPreference!: string | null;

  @Column({ name: 'number_type', type: 'enum', enum: NUMBER_TYPES, default: 'local' })
  numberType!: NumberType;

  @Column({ name: 'business_name', type: 'varchar', length: 200, nullable: true })
  businessName!: string | null;

  @Column({ name: 'business_website', type: 'varchar', length: 255, nullable: true })
  businessWebsite!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'enum', enum: NUMBER_REQUEST_STATUSES, default: 'pending' })
  status!: NumberRequestStatus;

  @Column({ name: 'admin_notes', type: 'text', nullable: true })
  adminNotes!: string | null;

  @Column({ name: 'assigned_number_id', type: 'int', nullable: true })
  assignedNumberId!: number | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'processed_at', type: 'datetime', precision: 3, nullable: true })
  processedAt!: Date | null;
}
