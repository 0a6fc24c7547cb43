import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { MAIL_STATUSES, MailStatus } from '@hh/contracts';

/**
 * A message of the outbox (sql/012). Mapped so the schema is checked against it; the mail feature's queries are raw
 * SQL in MailOutboxRepository.
 */
@Entity('mail_outbox')
export class MailOutboxEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'user_id', type: 'int', nullable: true })
  userId!: number | null;

  @Column({ name: 'to_address', type: 'varchar', length: 255 })
  toAddress!: string;

  @Column({ type: 'varchar', length: 64 })
  template!: string;

  @Column({ type: 'varchar', length: 255 })
  subject!: string;

  @Column({ name: 'text_body', type: 'mediumtext' })
  textBody!: string;

  @Column({ name: 'html_body', type: 'mediumtext' })
  htmlBody!: string;

  @Column({ name: 'secret_link', type: 'varchar', length: 2000, nullable: true })
  secretLink!: string | null;

  @Column({ type: 'enum', enum: MAIL_STATUSES, default: 'queued' })
  status!: MailStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'message_id', type: 'varchar', length: 255, nullable: true })
  messageId!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'datetime', precision: 3, nullable: true })
  sentAt!: Date | null;
}
