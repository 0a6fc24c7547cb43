import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { MAIL_STATUSES, MailStatus, OutboxMail } from '@hh/contracts';
import { PageQueryDto } from '../../../common/http/pagination';
import { trimString } from '../../../common/http/transforms';

export class OutboxMailDto implements OutboxMail {
  @ApiProperty({ example: 12 }) id!: number;
  @ApiProperty({ example: 'jane@example.com' }) to!: string;
  @ApiProperty({ example: 42, nullable: true, type: Number }) userId!: number | null;

  @ApiProperty({
    example: 'password_reset',
    description:
      'verify_email, email_change_verify, email_change_requested, email_changed, password_reset or password_changed',
  })
  template!: string;

  @ApiProperty({ example: 'Reset your Hardhat Hosting password' }) subject!: string;

  @ApiProperty({
    description:
      'The plain-text body. Its one-time link shows only while the message is held (no SMTP_URL): a queued, sent ' +
      'or failed message shows "[one-time link removed once sent]" instead.',
  })
  text!: string;

  @ApiProperty({
    enum: MAIL_STATUSES,
    example: 'sent',
    description: 'queued (waiting for the worker), sent, failed (given up after the last attempt), held (no SMTP_URL)',
  })
  status!: MailStatus;

  @ApiProperty({ example: 1, description: 'Delivery attempts so far' }) attempts!: number;
  @ApiProperty({ nullable: true, type: String, example: null }) lastError!: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-11-24T10:15:00.000Z' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: '2026-11-24T10:15:01.000Z' })
  sentAt!: string | null;
}

/** GET /admin/mail: a page of the outbox, optionally in one status or to an address. */
export class OutboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MAIL_STATUSES })
  @IsOptional()
  @IsIn(MAIL_STATUSES)
  status?: MailStatus;

  @ApiPropertyOptional({ example: 'jane@', description: 'Part of the recipient’s address' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(255)
  to?: string;
}
