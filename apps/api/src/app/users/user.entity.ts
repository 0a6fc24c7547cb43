import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { USER_ROLES, USER_STATUSES, UserRole, UserStatus } from '@hh/contracts';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 255, unique: true })
  email!: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255, select: false })
  passwordHash!: string;

  @Column({ type: 'enum', enum: USER_ROLES, default: 'client' })
  role!: UserRole;

  @Column({ type: 'enum', enum: USER_STATUSES, default: 'pending' })
  status!: UserStatus;

  @Column({ name: 'signup_date', type: 'datetime', precision: 3 })
  signupDate!: Date;

  @Column({ name: 'last_login', type: 'datetime', precision: 3, nullable: true })
  lastLogin!: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  /** When the user proved their current email by a link (sql/012); null: not verified. */
  @Column({ name: 'email_verified_at', type: 'datetime', precision: 3, nullable: true })
  emailVerifiedAt!: Date | null;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
