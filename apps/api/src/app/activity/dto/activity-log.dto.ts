import { ApiProperty } from '@nestjs/swagger';
import type { ActivityLog } from '@hh/contracts';
import type { ActivityLogEntity } from '../activity-log.entity';

export class ActivityLogDto implements ActivityLog {
  @ApiProperty({ example: 981 }) id!: number;
  @ApiProperty({ example: 42, nullable: true, type: Number }) userId!: number | null;
  @ApiProperty({ example: 'login' }) action!: string;
  @ApiProperty({ example: 'user', nullable: true, type: String }) entityType!: string | null;
  @ApiProperty({ example: 42, nullable: true, type: Number }) entityId!: number | null;
  @ApiProperty({ example: { email: 'jane@example.com' }, nullable: true, type: Object }) details!: Record<
    string,
    unknown
  > | null;
  @ApiProperty({ example: '203.0.113.7', nullable: true, type: String }) ipAddress!: string | null;
  @ApiProperty({ example: 'Mozilla/5.0 …', nullable: true, type: String }) userAgent!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export function toActivityLogDto(row: ActivityLogEntity): ActivityLogDto {
  return {
    id: row.id,
    userId: row.userId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    details: row.details,
    ipAddress: row.ipAddress,
    userAgent: row.userAgent,
    createdAt: row.createdAt.toISOString(),
  };
}
