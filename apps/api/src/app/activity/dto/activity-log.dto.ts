import { ApiProperty } from '@nestjs/swagger';
import { ACTIVITY_ENTITY_TYPES, ActivityEntityType, ActivityLog, AdminActivityLog, UserRef } from '@hh/contracts';
import { toUserRef, UserRefDto } from '../../admin/dto/user-ref.dto';
import type { ActivityLogEntity } from '../activity-log.entity';

export class ActivityLogDto implements ActivityLog {
  @ApiProperty({ example: 981 }) id!: number;
  @ApiProperty({ example: 42, nullable: true, type: Number }) userId!: number | null;
  @ApiProperty({ example: 'login' }) action!: string;
  @ApiProperty({ enum: ACTIVITY_ENTITY_TYPES, example: 'user', nullable: true }) entityType!: ActivityEntityType | null;
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

/** An ActivityLogEntity with the users it names joined on (leftJoinAndMapOne('a.user' / 'a.entityUser', …)). */
export type ActivityLogWithUsers = ActivityLogEntity & { user?: UserRef | null; entityUser?: UserRef | null };

/** GET /admin/activity rows and the live `activity.created` event: the entry with the users it names. */
export class AdminActivityLogDto extends ActivityLogDto implements AdminActivityLog {
  @ApiProperty({ type: UserRefDto, nullable: true, description: 'Who acted (userId); null for system entries' })
  user!: UserRefDto | null;

  @ApiProperty({
    type: UserRefDto,
    nullable: true,
    description: 'The user the entry is about when entityType is "user" (entityId); null otherwise',
  })
  entityUser!: UserRefDto | null;
}

export function toAdminActivityLogDto(row: ActivityLogWithUsers): AdminActivityLogDto {
  return {
    ...toActivityLogDto(row),
    user: row.userId === null ? null : toUserRef(row.user),
    entityUser: row.entityType === 'user' && row.entityId !== null ? toUserRef(row.entityUser) : null,
  };
}
