import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { API_KEY_STATUSES, ApiKeyStatus } from '@hh/contracts';

@Entity('api_keys')
export class ApiKeyEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ name: 'user_id', type: 'int' })
  userId!: number;

  @Column({ name: 'key_name', type: 'varchar', length: 100, default: 'Default Key' })
  keyName!: string;

  /** SHA-256 hex of the key; the key itself is never stored. */
  @Column({ name: 'api_key', type: 'char', length: 64, unique: true, select: false })
  keyHash!: string;

  @Column({ name: 'key_prefix', type: 'varchar', length: 16 })
  prefix!: string;

  @Column({ name: 'creation_date', type: 'datetime', precision: 3 })
  creationDate!: Date;

  @Column({ name: 'expiration_date', type: 'datetime', precision: 3, nullable: true })
  expirationDate!: Date | null;

  @Column({ type: 'enum', enum: API_KEY_STATUSES, default: 'active' })
  status!: ApiKeyStatus;

  @Column({ name: 'last_used', type: 'datetime', precision: 3, nullable: true })
  lastUsed!: Date | null;

  @Column({ name: 'usage_count', type: 'int', default: 0 })
  usageCount!: number;
}
