import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { NUMBER_STATUSES, NUMBER_TYPES, NumberStatus, NumberType } from '@hh/contracts';
import { decimalToNumber, tinyintToBoolean } from '../../database/column-transformers';

@Entity('phone_numbers')
export class PhoneNumberEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  /** E.164 */
  @Column({ name: 'phone_number', type: 'varchar', length: 20, unique: true })
  phoneNumber!: string;

  @Column({ name: 'friendly_name', type: 'varchar', length: 100, nullable: true })
  friendlyName!: string | null;

  @Column({ name: 'location_city', type: 'varchar', length: 100, nullable: true })
  locationCity!: string | null;

  @Column({ name: 'location_state', type: 'varchar', length: 50, nullable: true })
  locationState!: string | null;

  @Column({ name: 'location_country', type: 'varchar', length: 50, nullable: true, default: 'US' })
  locationCountry!: string | null;

  @Column({ name: 'owner_id', type: 'int', nullable: true })
  ownerId!: number | null;

  @Column({ type: 'enum', enum: NUMBER_STATUSES, default: 'available' })
  status!: NumberStatus;

  @Column({ name: 'number_type', type: 'enum', enum: NUMBER_TYPES, default: 'local' })
  numberType!: NumberType;

  @Column({ name: 'monthly_cost', type: 'decimal', precision: 10, scale: 2, default: 0, transformer: decimalToNumber })
  monthlyCost!: number;

  @Column({ type: 'varchar', length: 50, default: 'mock' })
  provider!: string;

  @Column({ name: 'provider_sid', type: 'varchar', length: 100, nullable: true })
  providerSid!: string | null;

  @Column({ name: 'assigned_date', type: 'datetime', precision: 3, nullable: true })
  assignedDate!: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  /** Calls from (outbound) and to (inbound) this number are recorded (sql/011). */
  @Column({ name: 'record_calls', type: 'tinyint', width: 1, default: 0, transformer: tinyintToBoolean })
  recordCalls!: boolean;
}
