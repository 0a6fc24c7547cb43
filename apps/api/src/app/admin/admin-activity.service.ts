import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Paginated } from '@hh/contracts';
import { paginated, pageWindow } from '../../common/http/pagination';
import { ActivityLogEntity } from '../activity/activity-log.entity';
import { joinActivityUsers } from '../activity/activity-users';
import { ActivityLogWithUsers, AdminActivityLogDto, toAdminActivityLogDto } from '../activity/dto/activity-log.dto';
import { dateBounds } from '../../common/time/date-bounds';
import { ListActivityQueryDto } from './dto/admin-activity.dto';

/** The audit trail, newest first. Each filter has an index: (user_id, action), (action, created_at), (entity_type, entity_id), created_at. */
@Injectable()
export class AdminActivityService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One query: each entry carries the users it names (who acted, the user it is about), joined on users. */
  async list(query: ListActivityQueryDto): Promise<Paginated<AdminActivityLogDto>> {
    const { page, pageSize, offset } = pageWindow(query);
    const qb = joinActivityUsers(this.dataSource.getRepository(ActivityLogEntity).createQueryBuilder('a'));
    if (query.userId !== undefined) qb.andWhere('a.userId = :userId', { userId: query.userId });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.entityType) qb.andWhere('a.entityType = :entityType', { entityType: query.entityType });
    const { from, to } = dateBounds(query);
    if (from) qb.andWhere('a.createdAt >= :from', { from });
    if (to) qb.andWhere('a.createdAt < :to', { to });
    const [rows, total] = await qb
      .orderBy('a.createdAt', 'DESC')
      .addOrderBy('a.id', 'DESC')
      // offset/limit, not skip/take: both joins are many-to-one, so rows cannot repeat.
      .offset(offset)
      .limit(pageSize)
      .getManyAndCount();
    return paginated(
      rows.map((row: ActivityLogWithUsers) => toAdminActivityLogDto(row)),
      total,
      page,
      pageSize,
    );
  }
}
